/// The admin pages' little JavaScript (served at `/admin/assets/admin.js`). Everything works without it; with
/// it, destructive buttons ask first, and filter menus apply as soon as they change.
enum AdminScript {
    static let javascript = """
        "use strict";
        document.addEventListener("submit", function (event) {
          var form = event.target;
          var question = form.getAttribute("data-confirm");
          if (question && !window.confirm(question)) { event.preventDefault(); }
        });
        document.addEventListener("change", function (event) {
          var field = event.target;
          if (field.matches && field.matches("form[data-autosubmit] select")) { field.form.requestSubmit(); }
        });
        """
}
