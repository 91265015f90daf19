"""What the irregularities of a converted sheet say: the message of each kind, in Vietnamese and
English, and ``Findings``, the entries of one sheet as irregularities.json holds them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from ._sheet import figure

NO_READING = (" Không có cách đọc trung thành nào cho tổng đúng.", " No faithful reading adds up.")
_SAME_AS_PRINTED = ("Ứng dụng giữ điểm như văn bản in", "The app keeps the printed points")
_MAXIMUM_KEPT = ("điểm tối đa của tiêu chí không đổi", "the criterion's maximum does not change")

# kind → (text_says vi, text_says en, app_does vi, app_does en), formatted with the entry's fields
# ({code} is the criterion or part). Verbatim words are quoted between “ and ”.
MESSAGES: dict[str, tuple[str, str, str, str]] = {
    "best_option_differs": (
        "Tiêu chí {code} ghi {stated} điểm, nhưng phương án cao nhất{case} ghi {best} điểm.",
        "Criterion {code} states {stated} points, but its best option{case} is worth {best}.",
        "Điểm tối đa của tiêu chí lấy theo phương án cao nhất ({best} điểm), vì thành viên chỉ "
        "chọn được một phương án; con số {stated} in trong văn bản được giữ nguyên trong dữ liệu "
        "(points) và hiển thị kèm ghi chú này.",
        "The criterion's maximum is its best option ({best} points), since a member can pick "
        "only one option; the printed {stated} is kept in the data (points) and shown with this "
        "note.",
    ),
    "section_sum_differs": (
        "Mục {code} ghi {stated} điểm; các tiêu chí con cộng lại được {total} điểm.",
        "Section {code} states {stated} points; its criteria add up to {total}.",
        "Điểm tối đa được tính từ các tiêu chí lá ({total}); con số {stated} in trong văn bản "
        "được giữ nguyên và hiển thị kèm ghi chú này.",
        "The maximum is computed from the leaf criteria ({total}); the printed {stated} is kept "
        "and shown with this note.",
    ),
    "part_sum_differs": (
        "Phần {code} ghi {stated} điểm; các mục cộng lại được {total} điểm.",
        "Part {code} states {stated} points; its sections add up to {total}.",
        "Điểm tối đa được tính từ các tiêu chí lá; con số {stated} in trong văn bản được giữ "
        "nguyên và hiển thị kèm ghi chú này.",
        "The maximum is computed from the leaf criteria; the printed {stated} is kept and shown "
        "with this note.",
    ),
    "part_points_differ": (
        "Phần {code} ghi {stated} điểm; Điều 3.1 quy định {required} điểm.",
        "Part {code} states {stated} points; Article 3.1 sets {required}.",
        "Ứng dụng giữ {stated} trong dữ liệu và đối chiếu tổng các tiêu chí lá với {required} "
        "điểm của Điều 3.1.",
        "The app keeps {stated} in the data and checks the leaf criteria against Article 3.1's "
        "{required}.",
    ),
    "label_points_differ": (
        "Tiêu đề Phần {code} ghi “({label} Điểm)”, cột Thang điểm ghi {column}.",
        "The heading of Part {code} says “({label} Điểm)” ({label} points); the points column "
        "says {column}.",
        "Ứng dụng dùng con số ở cột Thang điểm ({column}): {why}",
        "The app uses the points column ({column}): {why}",
    ),
    "part_leaf_sum_differs": (
        "Điểm tối đa của các tiêu chí lá trong Phần {code} cộng lại được {total}; Điều 3.1 quy "
        "định {required}.",
        "The maxima of the leaf criteria of Part {code} add up to {total}; Article 3.1 sets "
        "{required}.",
        "Ứng dụng tính điểm tối đa của phần bằng tổng các tiêu chí lá ({total}), không bằng "
        "{required}, nên từ chối nạp phiếu này như đang in.{reading}",
        "The app computes the part's maximum as the sum of its leaves ({total}), not {required}, "
        "so it refuses to load this sheet as printed.{reading}",
    ),
    "total_differs": (
        "Dòng “TỔNG CỘNG” ghi {stated}; các phần cộng lại được {total}.",
        "The “TỔNG CỘNG” (total) row says {stated}; the parts add up to {total}.",
        "Ứng dụng tính tổng từ các phần và giữ con số in trong văn bản để đối chiếu.",
        "The app computes the total from the parts and keeps the printed figure for reference.",
    ),
    "points_cell_ambiguous": (
        "Ô Thang điểm của {code} ghi hai con số trên hai dòng: “{cells}”.",
        "The points cell of {code} holds two figures on two lines: “{cells}”.",
        "Ứng dụng dùng con số đầu ({first}): {why}",
        "The app uses the first figure ({first}): {why}",
    ),
    "option_points_missing": (
        "Phương án “{text}” của {code} để trống ô Thang điểm; các phương án khác ghi {others}.",
        "The option “{text}” of {code} has an empty points cell; the other options say {others}.",
        "Ứng dụng tính phương án này 0 điểm (ô trống: không được điểm; đây là phương án thấp "
        "nhất), nên điểm tối đa của tiêu chí không đổi.",
        "The app counts this option as 0 points (an empty cell awards nothing; it is the lowest "
        "option), so the criterion's maximum does not change.",
    ),
    "equal_option_points": (
        "Các phương án “{texts}” của {code} cùng ghi {points} điểm.",
        "The options “{texts}” of {code} are each worth {points}.",
        f"{_SAME_AS_PRINTED[0]} ({{points}} điểm cho mỗi phương án); {_MAXIMUM_KEPT[0]}.",
        f"{_SAME_AS_PRINTED[1]} ({{points}} for each); {_MAXIMUM_KEPT[1]}.",
    ),
    "options_out_of_order": (
        "Điểm các phương án của {code}, theo thứ tự in: {points} (không tăng dần).",
        "The options of {code} are worth, in printed order: {points} (not ascending).",
        "Ứng dụng giữ thứ tự và điểm như văn bản in.",
        "The app keeps the printed order and points.",
    ),
    "duplicate_option": (
        "Phương án “{text}” của {code} được in {count} lần.",
        "The option “{text}” of {code} is printed {count} times.",
        "Ứng dụng giữ mọi phương án như văn bản in, với điểm của từng dòng.",
        "The app keeps every option as printed, each with its own points.",
    ),
    "option_text_unusual": (
        "Phương án “{text}” của {code} kết thúc bằng dấu hai chấm, không có gì theo sau.",
        "The option “{text}” of {code} ends with a colon followed by nothing.",
        "Ứng dụng giữ nguyên chữ như văn bản in và không gán dấu sao cho phương án này (có thể "
        "văn bản thiếu dấu sao ở đây, nhưng không thể biết là mấy sao).",
        "The app keeps the words as printed and gives this option no star marker (a marker may "
        "be missing here, but its class cannot be known).",
    ),
    "option_bullet_unusual": (
        "Một phương án của {code} in ký hiệu “{bullet}” thay cho “□”: “{bullet} {text}”.",
        "An option of {code} is printed with “{bullet}” instead of “□”: “{bullet} {text}”.",
        "Ứng dụng coi đây là một phương án như các phương án khác: dòng có điểm riêng ở cột "
        "Thang điểm, cùng chỗ với phương án tương ứng ở các phiếu khác.",
        "The app treats it as an option like the others: the row has its own figure in the "
        "points column, like the matching option on the other sheets.",
    ),
    "star_marker_unusual": (
        "Dấu sao của một phương án của {code} in có dấu cách: “{marker}”.",
        "The star marker of an option of {code} is printed with spaces: “{marker}”.",
        "Ứng dụng đọc là dấu {stars} sao ({plain}): chỉ có dấu cách chen giữa.",
        "The app reads it as a {stars}-star marker ({plain}): only spaces differ.",
    ),
    "star_marker_duplicated": (
        "{count} phương án của {code} cùng đánh dấu {stars} sao.",
        "{count} options of {code} carry the {stars}-star marker.",
        "Yêu cầu tối thiểu cho {stars} sao là phương án thấp hơn ({lowest} điểm), vì dấu sao là "
        "yêu cầu tối thiểu.",
        "The {stars}-star minimum is the lower option ({lowest} points), since the stars mark "
        "minimum requirements.",
    ),
    "star_markers_out_of_order": (
        "Ở {code}, dấu {low} sao nằm ở phương án {low_points} điểm, dấu {high} sao ở phương án "
        "{high_points} điểm.",
        "In {code}, the {low}-star marker is on a {low_points}-point option and the {high}-star "
        "marker on a {high_points}-point option.",
        "Sản phẩm {high} sao phải đạt cả yêu cầu của hạng thấp hơn, nên thực tế cần {low_points} "
        "điểm cho cả hai hạng.",
        "A {high}-star product must also meet the lower class's requirement, so in effect both "
        "classes need {low_points} points.",
    ),
    "star_marker_ambiguous": (
        "Phương án đánh dấu {stars} sao “{text}” của {code} có cùng {points} điểm với “{others}”.",
        "The {stars}-star option “{text}” of {code} is worth the same {points} points as "
        "“{others}”.",
        "Ứng dụng so điểm của tiêu chí với {points} điểm, nên các phương án cùng điểm đều đạt "
        "yêu cầu.",
        "The app compares the criterion's points with {points}, so every option worth as much "
        "meets the requirement.",
    ),
    "ambiguous_rule": (
        "Tiêu chí {code} có ghi chú “{text}”.",
        "Criterion {code} carries the note “{text}” ({gloss}).",
        "Ứng dụng giữ câu này làm ghi chú (note) hiển thị cho thành viên, không tự loại sản phẩm "
        "và không ngừng đánh giá: câu này không nói “bị loại”, cũng không nói ngừng đánh giá các "
        "tiêu chí khác; có thể hiểu là sản phẩm không được đánh giá, hoặc chỉ là hướng dẫn chấm "
        "tiêu chí này. Hội đồng quyết định.",
        "The app keeps it as a note shown to members; it neither excludes the product nor stops "
        "the evaluation: the note neither says “bị loại” (excluded) nor that the other criteria "
        "are not evaluated; it may mean the product is not evaluated at all, or only guide the "
        "scoring of this criterion. The council decides.",
    ),
    "sheet_name_differs": (
        "Tiêu đề của phiếu ghi “{heading}”; danh mục đầu Phụ lục II ghi “{listed}”.",
        "The sheet's heading says “{heading}”; the list opening Annex II says “{listed}”.",
        "Ứng dụng dùng nguyên văn tiêu đề của chính phiếu làm tên phiếu (name) và lấy mã phiếu "
        "(code) từ tiêu đề đó; hai cách ghi chỉ cùng một bộ sản phẩm.",
        "The app uses the sheet's own heading, verbatim, as its name and derives the sheet code "
        "from it; both wordings name the same product set.",
    ),
    "missing_exclusion_line": (
        "Phiếu không có dòng “Hồ sơ bị loại khi: …” mà các phiếu khác có ở phần đầu.",
        "The sheet has no “Hồ sơ bị loại khi: …” (dossier excluded when …) line, which the other "
        "sheets carry in their header.",
        "Ứng dụng ghi exclusion: null, không hiển thị điều kiện loại hồ sơ cho phiếu này và "
        "không mượn điều kiện của phiếu khác.",
        "The app records exclusion: null, shows no exclusion line for this sheet and does not "
        "borrow another sheet's.",
    ),
    "duplicate_exclusion_line": (
        "Dòng “{text}” được in {count} lần liền nhau, giống hệt nhau.",
        "The line “{text}” is printed {count} times in a row, identically.",
        "Ứng dụng giữ dòng này một lần.",
        "The app keeps the line once.",
    ),
    "exclusion_line_worded_differently": (
        "Dòng điều kiện loại hồ sơ mở đầu bằng “{opening}” thay vì “Hồ sơ bị loại khi:”.",
        "The exclusion line opens with “{opening}” instead of “Hồ sơ bị loại khi:”.",
        "Ứng dụng giữ nguyên văn dòng này làm exclusion, với cùng ý nghĩa như ở các phiếu khác.",
        "The app keeps the line verbatim as the exclusion, meaning the same as on the other "
        "sheets.",
    ),
    "missing_star_note": (
        "Phiếu không có ghi chú “Dấu sao là yêu cầu tối thiểu…”, dù có {count} phương án đánh "
        "dấu sao.",
        "The sheet lacks the note “Dấu sao là yêu cầu tối thiểu…” (the stars are minimum "
        "requirements) although {count} of its options carry star markers.",
        "Ứng dụng ghi star_note: null và vẫn ghi các dấu sao như văn bản in (stars); chúng được "
        "đọc như ở các phiếu khác.",
        "The app records star_note: null and keeps the star markers as printed (stars); they "
        "are read as on the other sheets.",
    ),
}


# kind → (app_does vi, app_does en) of an entry whose misprinted option points the app corrects
# (Findings.correct). The printed figure stays in the sheet file; the app shows it beside the
# option.
_PRINTED_SHOWN = (
    "Con số in ({printed}) được giữ nguyên trong dữ liệu và hiển thị bên cạnh phương án trên "
    "trang phiếu và trên phiếu của thành viên.",
    "The printed {printed} is kept in the data and shown beside the option on the sheet page "
    "and on the member's sheet.",
)
CORRECTED: dict[str, tuple[str, str]] = {
    "best_option_differs": (
        "Ứng dụng tính {score} cho phương án “{option}”, không phải {printed} như văn bản in, vì "
        "tiêu chí {criterion} ghi tối đa {stated} điểm; với {score}, các tiêu chí lá của Phần "
        "{part} cộng lại đúng {required} như {law} quy định; và phương án cùng chữ được {score} "
        f"ở {{elsewhere}}. {_PRINTED_SHOWN[0]}",
        "The app scores the option “{option}” ({gloss}) at {score}, not the printed {printed}, "
        "because criterion {criterion}'s printed maximum is {stated}; with {points}, the leaf "
        "criteria of Part {part} add up to {required}, as {law} requires; and the option with "
        f"the same words is worth {{points}} on {{elsewhere}}. {_PRINTED_SHOWN[1]}",
    ),
    "part_leaf_sum_differs": (
        "Ứng dụng tính {score} cho phương án “{option}” của tiêu chí {criterion}, không phải "
        "{printed} như văn bản in, nên các tiêu chí lá của Phần {part} cộng lại đúng {required} "
        "như {law} quy định và phiếu được dùng để chấm. Ứng dụng sửa con số này vì tiêu chí "
        "{criterion} ghi tối đa {stated} điểm và phương án cùng chữ được {score} ở {elsewhere}. "
        f"{_PRINTED_SHOWN[0]}",
        "The app scores the option “{option}” ({gloss}) of criterion {criterion} at {score}, not "
        "the printed {printed}, so the leaf criteria of Part {part} add up to {required}, as "
        "{law} requires, and the sheet can be used for scoring. It corrects the figure because "
        "criterion {criterion}'s printed maximum is {stated} and the option with the same words "
        f"is worth {{points}} on {{elsewhere}}. {_PRINTED_SHOWN[1]}",
    ),
    "options_out_of_order": (
        "Ứng dụng giữ thứ tự như văn bản in nhưng tính {score} cho phương án “{option}”, không "
        "phải {printed} (lý do ở ghi chú về phương án cao nhất của tiêu chí {criterion}), nên điểm "
        "các phương án là {corrected}.",
        "The app keeps the printed order but scores the option “{option}” ({gloss}) at {score}, "
        "not {printed} (the reason is in the note on criterion {criterion}'s best option), so the "
        "options are worth {corrected}.",
    ),
}


@dataclass
class Findings:
    """The irregularities of one sheet: where the official text does not add up or reads two
    ways, each with what the app does about it (entries of irregularities.json).

    ``remarks`` are a reader's words on a given (criterion, kind), appended to ``app_does``.
    """

    sheet: str
    remarks: dict[tuple[str | None, str], tuple[str, str]] = field(default_factory=dict)
    entries: list[dict] = field(default_factory=list)

    def add(self, criterion: str | None, kind: str, **fields: object) -> None:
        """Record an entry of a kind of ``MESSAGES``. A field may be a (Vietnamese, English) pair;
        figures are printed as in the text."""
        says_vi, says_en, does_vi, does_en = MESSAGES[kind]
        vi, en = (_shown(fields, criterion, language) for language in (0, 1))
        says = (says_vi.format(**vi), says_en.format(**en))
        self.record(criterion, kind, says, (does_vi.format(**vi), does_en.format(**en)))

    def record(self, criterion: str | None, kind: str, says: tuple, does: tuple) -> None:
        """Record an entry written out in full (both languages of text_says and app_does)."""
        remark = self.remarks.get((criterion, kind))
        if remark:
            does = (f"{does[0]} {remark[0]}", f"{does[1]} {remark[1]}")
        self.entries.append(
            {
                "sheet": self.sheet,
                "criterion": criterion,
                "kind": kind,
                "text_says": {"vi": says[0], "en": says[1]},
                "app_does": {"vi": does[0], "en": does[1]},
            }
        )

    def find(self, criterion: str | None, kind: str) -> dict | None:
        found = [e for e in self.entries if (e["criterion"], e["kind"]) == (criterion, kind)]
        if len(found) > 1:
            raise ValueError(f"{self.sheet}: {len(found)} entries {kind} of {criterion}")
        return found[0] if found else None

    def correct(self, entry: dict, correction: dict | None = None, **fields: object) -> None:
        """Rewrite what the app does on an entry about a misprinted option the app scores at
        other points (a kind of ``CORRECTED``); the entry that carries ``correction`` says which
        option (its index in the criterion's levels), its printed and its corrected points."""
        does_vi, does_en = CORRECTED[entry["kind"]]
        vi, en = (_shown(fields, entry["criterion"], language) for language in (0, 1))
        entry["app_does"] = {"vi": does_vi.format(**vi), "en": does_en.format(**en)}
        if correction is not None:
            entry["correction"] = correction


def _shown(fields: dict, criterion: str | None, language: int) -> dict:
    shown = {"code": criterion}
    for key, value in fields.items():
        if isinstance(value, tuple):
            value = value[language]
        shown[key] = figure(value) if isinstance(value, Decimal) else value
    return shown
