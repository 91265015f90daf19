// A calendar on every day box (data-date-field) and day-and-time box (data-date-time-field) the
// forms render (evalapp.common.forms.day_field / day_time_field), from the vendored flatpickr.
// The box stays a text box in the Vietnamese order (dd/mm/yyyy, 24-hour HH:MM): typing still
// works, and without this script the server reads the same text.
(() => {
  if (typeof window.flatpickr === "undefined") return;

  const DAY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/;
  const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
  const TIME = /^(\d{1,2}):(\d{2})$/;

  // The moment the text names, or undefined. Strict, as the server is: 31/02/2026 is no day
  // (a Date would roll it over to 03/03/2026 unnoticed) and stays as typed for the server to
  // explain.
  function parse(text, withTime) {
    const parts = String(text).trim().split(/\s+|T/);
    if (parts.length !== (withTime ? 2 : 1)) return undefined;
    let year;
    let month;
    let day;
    let match = DAY.exec(parts[0]);
    if (match) [day, month, year] = match.slice(1).map(Number);
    else if ((match = ISO_DAY.exec(parts[0]))) [year, month, day] = match.slice(1).map(Number);
    else return undefined;
    let hours = 0;
    let minutes = 0;
    if (withTime) {
      const time = TIME.exec(parts[1]);
      if (!time) return undefined;
      [hours, minutes] = time.slice(1).map(Number);
      if (hours > 23 || minutes > 59) return undefined;
    }
    const moment = new Date(year, month - 1, day, hours, minutes);
    const same =
      moment.getFullYear() === year && moment.getMonth() === month - 1 && moment.getDate() === day;
    return same && year >= 1900 ? moment : undefined;
  }

  const locale =
    document.documentElement.lang === "vi" && window.flatpickr.l10ns.vn
      ? window.flatpickr.l10ns.vn
      : { firstDayOfWeek: 1 };

  function attach(input, withTime) {
    const picker = window.flatpickr(input, {
      allowInput: true,
      disableMobile: true, // a phone's own picker would send ISO and show mm/dd/yyyy
      dateFormat: withTime ? "d/m/Y H:i" : "d/m/Y",
      ariaDateFormat: "d/m/Y", // read out as typed, not "Tháng năm 1, 2027"
      enableTime: withTime,
      time_24hr: true,
      locale,
      parseDate: (text) => parse(text, withTime),
      errorHandler: () => {},
    });
    // On leaving the box flatpickr re-reads the text and empties it when it is not a day:
    // text that is not a day is kept as typed, for the server to name the error.
    // Typing closes the calendar, which would otherwise cover what follows the box (the submit
    // button); flatpickr's own input events, when a day is picked, are not the user's.
    input.addEventListener("input", (event) => {
      if (event.isTrusted) picker.close();
    });
    const setDate = picker.setDate;
    picker.setDate = (value, ...rest) => {
      if (typeof value === "string" && value.trim() && !parse(value, withTime)) return;
      setDate(value, ...rest);
    };
  }

  document.querySelectorAll("input[data-date-field]").forEach((input) => attach(input, false));
  document.querySelectorAll("input[data-date-time-field]").forEach((input) => attach(input, true));
})();
