// Choosing the province reloads the form with that province's communes (the "pick" button,
// which also works without this script).
document.querySelectorAll("[data-pick-province]").forEach((button) => {
  const province = button.form && button.form.elements.namedItem("province");
  if (!province) return;
  province.addEventListener("change", () => button.click());
});
