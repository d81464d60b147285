/// The admin pages' one stylesheet (served at `/admin/assets/admin.css`; no CDN, no build step).
enum AdminStylesheet {
    static let css = """
        :root { --ink: #1d2330; --muted: #5b6474; --line: #d5d9e0; --bg: #f6f7f9; --card: #fff; --accent: #1f5fbf;
          --good: #1e7b3c; --bad: #b42318; --warn: #9a6700; --external: #4a4f57; --training: #1f5fbf;
          --absence: #8a5cd6; --conflict: #d92d20; }
        * { box-sizing: border-box; }
        body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink);
          background: var(--bg); }
        a { color: var(--accent); }
        :focus-visible { outline: 3px solid #f5b400; outline-offset: 2px; }
        .skip { position: absolute; left: -999px; } .skip:focus { left: 8px; top: 8px; background: #fff; padding: 4px 8px; }
        .bar { display: flex; align-items: center; gap: 24px; padding: 0 24px; background: #16233a; color: #fff;
          min-height: 52px; flex-wrap: wrap; }
        .brand { color: #fff; font-weight: 700; text-decoration: none; font-size: 17px; }
        nav ul { display: flex; gap: 4px; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
        nav a { color: #dbe4f3; text-decoration: none; padding: 6px 10px; border-radius: 6px; display: block; }
        nav a:hover { background: #24365a; } nav a[aria-current="page"] { background: #fff; color: #16233a; font-weight: 600; }
        .signout { margin-left: auto; display: flex; align-items: center; gap: 8px; font-size: 13px; color: #c4cede; }
        main { max-width: 1220px; margin: 0 auto; padding: 16px 24px 48px; }
        h1 { font-size: 24px; margin: 8px 0 12px; } h2 { font-size: 18px; margin: 24px 0 8px; }
        table { border-collapse: collapse; width: 100%; background: var(--card); border: 1px solid var(--line); }
        caption { text-align: left; color: var(--muted); padding: 6px 0; font-size: 13px; }
        th, td { text-align: left; padding: 7px 9px; border-bottom: 1px solid var(--line); vertical-align: top; font-size: 14px; }
        thead th { background: #eef1f5; font-size: 13px; color: #374151; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 12px 0; }
        .narrow { max-width: 420px; display: grid; gap: 8px; }
        .row { display: flex; flex-wrap: wrap; align-items: end; gap: 10px 14px; }
        .row > div { display: grid; gap: 3px; }
        .grid-form { display: grid; grid-template-columns: repeat(auto-fill, minmax(230px, 1fr)); gap: 10px 16px; }
        .grid-form > div { display: grid; gap: 3px; }
        .grid-form > .wide { grid-column: 1 / -1; }
        textarea { font: 12px ui-monospace, monospace; padding: 6px 8px; border: 1px solid #aab2bf; border-radius: 6px; }
        label { font-weight: 600; font-size: 13px; }
        input, select, button { font: inherit; }
        input[type=text], input[type=password], input[type=date], input[type=number], input[type=time], input[type=url], select {
          padding: 6px 8px; border: 1px solid #aab2bf; border-radius: 6px; background: #fff; min-width: 0; }
        button { padding: 6px 12px; border-radius: 6px; border: 1px solid var(--accent); background: var(--accent); color: #fff;
          cursor: pointer; }
        button.secondary { background: #fff; color: var(--accent); }
        button.danger { background: var(--bad); border-color: var(--bad); }
        form.inline { display: inline; }
        .actions { display: flex; gap: 6px; flex-wrap: wrap; }
        .flash { background: #e7f4ea; border: 1px solid #9bd3a9; padding: 8px 12px; border-radius: 6px; }
        .error { background: #fdecea; border: 1px solid #f1a39b; padding: 8px 12px; border-radius: 6px; color: #7a1a12; }
        .muted { color: var(--muted); font-size: 13px; }
        .badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600;
          border: 1px solid currentColor; }
        .badge.good { color: var(--good); } .badge.bad { color: var(--bad); } .badge.warn { color: var(--warn); }
        .badge.neutral { color: var(--muted); }
        dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        dl.facts dt { font-weight: 600; color: #374151; } dl.facts dd { margin: 0; }
        .filters a { margin-right: 10px; } .filters a[aria-current="true"] { font-weight: 700; }
        fieldset { border: 1px solid var(--line); border-radius: 6px; } legend { font-weight: 600; font-size: 13px; }
        code { font-size: 13px; background: #eef1f5; padding: 0 4px; border-radius: 4px; }
        .legend { display: flex; gap: 14px; flex-wrap: wrap; font-size: 13px; margin: 8px 0; list-style: none; padding: 0; }
        .swatch { display: inline-block; width: 14px; height: 14px; border-radius: 3px; vertical-align: -2px; margin-right: 4px; }
        table.week td, table.week th { padding: 0; height: 22px; font-size: 12px; border: 1px solid #e3e6eb; }
        table.week thead th { padding: 5px; text-align: center; } table.week tbody th { padding: 0 6px; width: 60px; color: var(--muted); }
        table.week td span { display: block; padding: 1px 4px; overflow: hidden; white-space: nowrap; text-overflow: ellipsis; }
        .s-external { background: var(--external); color: #fff; } .s-training { background: var(--training); color: #fff; }
        .s-absence { background: var(--absence); color: #fff; }
        .s-conflict { background: repeating-linear-gradient(45deg, var(--conflict) 0 6px, #b0241a 6px 12px); color: #fff;
          font-weight: 700; }
        .s-unknown { background: repeating-linear-gradient(45deg, #e5e7eb 0 5px, #cfd3da 5px 10px); color: #374151; }
        .s-not-synced { background: repeating-linear-gradient(-45deg, #fdf3d7 0 5px, #f1dea3 5px 10px); color: #5c4300; }
        .s-free { background: #fff; }
        table.team td { font-size: 12px; } table.team td.s-free { color: var(--good); }
        .stale { border-left: 4px solid var(--warn); padding-left: 10px; }
        .zone { margin-left: auto; color: #dbe4f3; font-size: 13px; text-decoration: none; border: 1px solid #3a4d70;
          border-radius: 6px; padding: 4px 8px; } .zone span { color: #9fb0cc; } .zone:hover { background: #24365a; }
        .zone + .signout { margin-left: 0; }
        .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
        .label { color: var(--muted); }
        .explain { color: #7a1a12; } td .explain { display: inline-block; margin-top: 3px; font-size: 13px; }
        time { white-space: nowrap; }
        .pager { display: flex; gap: 14px; align-items: center; margin: 10px 0; font-size: 14px; }
        th a { color: inherit; } th[aria-sort] a { color: var(--accent); }
        ul.checks { list-style: none; padding: 0; margin: 6px 0; } ul.checks > li { margin: 4px 0; }
        ul.checks ul { margin: 2px 0 0 18px; color: var(--muted); font-size: 13px; }
        ul.conflicts li { margin: 3px 0; }
        """
}
