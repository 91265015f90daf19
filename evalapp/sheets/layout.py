"""The layout of a criteria sheet workbook, shared by the writer and the reader.

Worksheet "Thông tin": one labelled row per field of the sheet (column A the label, B the
Vietnamese value, C the English one). Worksheet "Tiêu chí": one row per option, one row per
criterion or section without options, and one row per part (Phần filled, Mã tiêu chí empty).
The tree comes from the codes' dots: "6.1.3" sits under "6.1", which must come earlier in the
same part; a code without a dot is a top-level criterion of its part (every shipped sheet is
numbered this way, so no parent column is needed).
"""

from __future__ import annotations

from dataclasses import dataclass

from openpyxl.utils import get_column_letter

INFO_SHEET = "Thông tin"
CRITERIA_SHEET = "Tiêu chí"
GUIDE_SHEET = "Hướng dẫn"
FIRST_ROW = 2  # row 1 holds the column headings
MAX_ROWS = 5000
MAX_BYTES = 5 * 1024 * 1024
YES = "x"
RULES = {"Loại": ("knockout", None), "Dừng": ("stop", None)}
ZERO_STOP = "Dừng khi có tiêu chí 0 điểm"
RULE_CHOICES = ("Loại", "Dừng", ZERO_STOP)


@dataclass(frozen=True)
class Column:
    """A column of "Tiêu chí": `kind` says how a cell is read (text, code, points, stars, flag,
    part, rule); `criterion`: the value belongs to the criterion, written on its first row."""

    key: str
    header: str
    header_en: str
    kind: str
    width: int
    guide: str
    criterion: bool = False

    @property
    def letter(self) -> str:
        return LETTERS[self.key]


COLUMNS = (
    Column(
        "part",
        "Phần",
        "Part",
        "part",
        7,
        "Mã phần của bộ tiêu chí (A, B, C…). Bỏ trống: như hàng trên.",
    ),
    Column(
        "code",
        "Mã tiêu chí",
        "Criterion code",
        "code",
        12,
        "Mã tiêu chí hoặc mục, dạng 6, 6.1, 6.1.3: tiêu chí cha là mã bỏ phần sau dấu chấm cuối, phải có ở hàng trên trong cùng phần. Bỏ trống: hàng của phần (ghi Điểm tiêu chí = điểm phần ghi trong văn bản). Các hàng của một tiêu chí phải liền nhau.",
    ),
    Column(
        "name_vi",
        "Tên tiêu chí",
        "Criterion name",
        "text",
        40,
        "Tên tiêu chí hoặc mục (bắt buộc, ở hàng đầu của tiêu chí).",
        True,
    ),
    Column(
        "name_en",
        "Tên tiêu chí (tiếng Anh)",
        "Criterion name (English)",
        "text",
        30,
        "Tên tiếng Anh (không bắt buộc).",
        True,
    ),
    Column("note_vi", "Ghi chú", "Note", "text", 30, "Ghi chú của tiêu chí trong văn bản.", True),
    Column(
        "note_en", "Ghi chú (tiếng Anh)", "Note (English)", "text", 20, "Ghi chú tiếng Anh.", True
    ),
    Column(
        "points",
        "Điểm tiêu chí",
        "Stated points",
        "points",
        9,
        "Điểm tối đa văn bản ghi cho tiêu chí, mục hoặc phần (để đối chiếu; điểm tối đa dùng để tính luôn là mức cao nhất). Bắt buộc với tiêu chí Có/Không.",
        True,
    ),
    Column(
        "yes_no",
        "Có/Không",
        "Yes/no",
        "flag",
        8,
        "x: tiêu chí không có mức, thành viên chọn Đáp ứng (được Điểm tiêu chí) hoặc Không đáp ứng (0 điểm).",
        True,
    ),
    Column(
        "cond",
        "Điều kiện: mã tiêu chí",
        "Condition: criterion",
        "code",
        12,
        "Chỉ chấm tiêu chí này khi tiêu chí ghi ở đây được trên số điểm của cột bên cạnh.",
        True,
    ),
    Column(
        "cond_above",
        "Điều kiện: trên (điểm)",
        "Condition: above (points)",
        "points",
        9,
        "Số điểm phải vượt (mặc định 0).",
        True,
    ),
    Column(
        "cond_vi",
        "Điều kiện: lời văn",
        "Condition: wording",
        "text",
        25,
        "Lời văn của điều kiện trong văn bản.",
        True,
    ),
    Column(
        "cond_en",
        "Điều kiện: lời văn (tiếng Anh)",
        "Condition: wording (English)",
        "text",
        20,
        "Lời văn tiếng Anh.",
        True,
    ),
    Column(
        "rule",
        "Quy tắc ghi chú",
        "Note rule",
        "rule",
        14,
        "Loại hoặc Dừng: một ghi chú “Bị loại nếu…”, “Dừng đánh giá nếu…” mà thành viên có thể ghi nhận; “Dừng khi có tiêu chí 0 điểm”: trên một mục, dừng đánh giá khi một tiêu chí của mục được 0 điểm. Mỗi hàng một quy tắc.",
    ),
    Column(
        "rule_vi",
        "Quy tắc: lời văn",
        "Rule: wording",
        "text",
        25,
        "Lời văn của quy tắc (bắt buộc khi có quy tắc).",
    ),
    Column(
        "rule_en",
        "Quy tắc: lời văn (tiếng Anh)",
        "Rule: wording (English)",
        "text",
        20,
        "Lời văn tiếng Anh.",
    ),
    Column(
        "case",
        "Trường hợp",
        "Case",
        "code",
        9,
        "Mã trường hợp (a, b…) khi tiêu chí có các trường hợp thay thế nhau; thành viên chọn một mức của một trường hợp.",
    ),
    Column(
        "case_vi",
        "Tên trường hợp",
        "Case name",
        "text",
        20,
        "Tên trường hợp (ở hàng đầu của trường hợp).",
    ),
    Column(
        "case_en", "Tên trường hợp (tiếng Anh)", "Case name (English)", "text", 16, "Tên tiếng Anh."
    ),
    Column(
        "level",
        "Mã mức",
        "Option code",
        "code",
        8,
        "Mã mức (không bắt buộc; mặc định là thứ tự 1, 2, 3… trong tiêu chí, hoặc a1, a2… trong trường hợp a).",
    ),
    Column(
        "level_vi",
        "Nội dung mức",
        "Option text",
        "text",
        45,
        "Nội dung mức đánh giá (bắt buộc cho mỗi mức).",
    ),
    Column(
        "level_en",
        "Nội dung mức (tiếng Anh)",
        "Option text (English)",
        "text",
        30,
        "Nội dung tiếng Anh.",
    ),
    Column(
        "level_points",
        "Điểm",
        "Points",
        "points",
        8,
        "Điểm của mức (số không âm, bắt buộc cho mỗi mức).",
    ),
    Column(
        "printed",
        "Điểm in",
        "Printed points",
        "points",
        8,
        "Chỉ khi văn bản in sai và bộ tiêu chí ghi đính chính: con số in trong văn bản (cột Điểm là điểm ứng dụng tính).",
    ),
    Column(
        "stars",
        "Sao",
        "Stars",
        "stars",
        6,
        "Dấu sao của mức (1–5): mức tối thiểu phải đạt để được hạng sao đó.",
    ),
    Column("knockout", "Loại", "Knock-out", "flag", 6, "x: chọn mức này thì sản phẩm bị loại."),
    Column(
        "stop", "Dừng", "Stop", "flag", 6, "x: chọn mức này thì dừng đánh giá các tiêu chí sau."
    ),
)
LETTERS = {column.key: get_column_letter(i) for i, column in enumerate(COLUMNS, start=1)}
BY_KEY = {column.key: column for column in COLUMNS}
OPTION_KEYS = (
    "level",
    "level_vi",
    "level_en",
    "level_points",
    "printed",
    "stars",
    "knockout",
    "stop",
)


@dataclass(frozen=True)
class InfoField:
    key: str
    label: str
    label_en: str
    bilingual: bool
    guide: str


INFO_FIELDS = (
    InfoField(
        "code",
        "Mã phiếu",
        "Sheet code",
        False,
        "Chữ thường không dấu, số và gạch nối, tối đa 60 ký tự (bắt buộc).",
    ),
    InfoField(
        "rulebook", "Bộ tiêu chí", "Rulebook", False, "Mã bộ tiêu chí, ví dụ 26-2026 (bắt buộc)."
    ),
    InfoField("name", "Tên phiếu", "Sheet name", True, "Tên phiếu (bắt buộc), tiếng Anh ở cột C."),
    InfoField("version", "Phiên bản", "Version", False, "Phiên bản của phiếu (mặc định 1)."),
    InfoField(
        "subgroups",
        "Nhóm sản phẩm áp dụng",
        "Subgroups",
        False,
        "Mã các bộ sản phẩm dùng phiếu này, cách nhau bằng dấu phẩy.",
    ),
    InfoField(
        "exclusion",
        "Hồ sơ bị loại khi",
        "Dossier excluded when",
        True,
        "Dòng “Hồ sơ bị loại khi: …” của phiếu, nếu có.",
    ),
    InfoField("number", "Số phiếu", "Number", False, "Số thứ tự của phiếu trong phụ lục, nếu có."),
    InfoField("product", "Sản phẩm", "Product", True, "Dòng sản phẩm ở đầu phiếu, nếu có."),
    InfoField(
        "star_note", "Ghi chú về sao", "Star note", True, "Ghi chú về dấu sao của phiếu, nếu có."
    ),
)
