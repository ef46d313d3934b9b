//! Whole-file behaviour: the shipped defaults, merging a user file, and every error message.

use std::collections::BTreeSet;

use super::*;
use crate::action::Action;
use crate::clipboard::ClipboardMode;
use lunwen_core::corpus::citation::Style;
use rstest::rstest;

const USER: &str = "/home/u/.config/lunwen/config.toml";

fn seq(s: &str) -> Vec<KeyPress> {
    parse_sequence(s).unwrap()
}

fn env() -> Env {
    Env {
        no_color: false,
        home: Some(PathBuf::from("/home/u")),
        config_var: None,
        config_dir: None,
    }
}

fn user(text: &str) -> Result<Config, ConfigError> {
    Config::from_user_toml_with(text, Path::new(USER), &env())
}

#[test]
fn defaults_parse() {
    let c = Config::defaults();
    assert_eq!(c.source, None);
    let s = &c.settings;
    assert_eq!(s.clipboard, ClipboardMode::Auto);
    assert_eq!(s.citation_style, Style::GbT7714);
    assert!(
        !s.mouse,
        "mouse must be off by default so terminal selection works"
    );
    assert!(s.corpus_dirs.is_empty());
    assert_eq!(s.quote_template, "“{quote}”\n{citation}");
    assert!(!s.theme.monochrome);
}

#[test]
fn every_action_has_default_keys_and_every_context_a_table() {
    let c = Config::defaults();
    for &action in Action::ALL {
        let bound = Context::ALL
            .iter()
            .any(|&ctx| !c.keymap.keys_for(ctx, action).is_empty());
        assert!(bound, "{} has no default key", action.name());
    }
    for &ctx in Context::ALL {
        assert!(
            !c.keymap.bindings(ctx).is_empty(),
            "[keymap.{}] is empty",
            ctx.name()
        );
        assert!(c.keymap.bindings(ctx).iter().all(|(_, _, user)| !user));
    }
}

#[test]
fn every_setting_and_binding_in_default_toml_has_a_comment() {
    let lines: Vec<&str> = DEFAULT_TOML.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let above = if i == 0 { "" } else { lines[i - 1].trim() };
        assert!(
            above.starts_with('#'),
            "default.toml line {}: '{line}' has no comment above it",
            i + 1
        );
    }
}

#[test]
fn every_listed_key_runs_its_action() {
    let c = Config::defaults();
    for &ctx in Context::ALL {
        for (action, keys, _) in c.keymap.bindings(ctx) {
            for k in keys {
                assert_eq!(
                    c.keymap.resolve(ctx, &seq(&k)),
                    Resolved::Action(action),
                    "'{k}' in [keymap.{}]",
                    ctx.name()
                );
            }
        }
    }
}

/// Keys a context deliberately takes over from `global` in the defaults. Anything else shadowed
/// would hide a global key by accident.
#[test]
fn default_contexts_shadow_global_only_on_purpose() {
    let c = Config::defaults();
    let deliberate: BTreeSet<(&str, &str)> = [
        ("search", "ctrl-c"), // cancels the search instead of quitting
        ("search", "tab"),    // toggles the scope; panes are hidden behind the search box
        ("popup", "q"),       // closes the popup instead of quitting, as in less
    ]
    .into_iter()
    .collect();
    let global: Vec<String> = c
        .keymap
        .bindings(Context::Global)
        .into_iter()
        .flat_map(|(_, keys, _)| keys)
        .collect();
    let mut shadowed = BTreeSet::new();
    for &ctx in &Context::ALL[1..] {
        for (_, keys, _) in c.keymap.bindings(ctx) {
            for k in keys.iter().filter(|k| global.contains(k)) {
                shadowed.insert((ctx.name(), k.clone()));
            }
        }
    }
    let shadowed: BTreeSet<(&str, &str)> = shadowed.iter().map(|(c, k)| (*c, k.as_str())).collect();
    assert_eq!(shadowed, deliberate);
}

#[rstest]
#[case(Context::Global, "q", Resolved::Action(Action::Quit))]
#[case(Context::Reader, "?", Resolved::Action(Action::Help))]
#[case(Context::Reader, "j", Resolved::Action(Action::Down))]
#[case(Context::Reader, "g", Resolved::Pending)]
#[case(Context::Reader, "g g", Resolved::Action(Action::Top))]
#[case(Context::Reader, "g x", Resolved::Unbound)]
#[case(Context::Reader, "G", Resolved::Action(Action::Bottom))]
#[case(Context::Outline, "z", Resolved::Pending)]
#[case(Context::Outline, "z M", Resolved::Action(Action::FoldAll))]
#[case(Context::Outline, "space", Resolved::Action(Action::ToggleFold))]
#[case(Context::Library, "enter", Resolved::Action(Action::Open))]
#[case(Context::Popup, "q", Resolved::Action(Action::Cancel))]
#[case(Context::Popup, "ctrl-c", Resolved::Action(Action::Quit))]
#[case(Context::Search, "q", Resolved::Unbound)]
#[case(Context::Search, "n", Resolved::Unbound)]
#[case(Context::Search, "ctrl-c", Resolved::Action(Action::Cancel))]
#[case(Context::Search, "ctrl-n", Resolved::Action(Action::Down))]
#[case(Context::Search, "f1", Resolved::Action(Action::Help))]
#[case(Context::Global, "j", Resolved::Unbound)]
fn default_keys_resolve(#[case] ctx: Context, #[case] keys: &str, #[case] want: Resolved) {
    assert_eq!(Config::defaults().keymap.resolve(ctx, &seq(keys)), want);
}

#[test]
fn resolve_normalizes_raw_terminal_events() {
    let km = Config::defaults().keymap;
    let shifted_g = KeyPress {
        code: KeyCode::Char('G'),
        ctrl: false,
        alt: false,
        shift: true,
    };
    assert_eq!(
        km.resolve(Context::Reader, &[shifted_g]),
        Resolved::Action(Action::Bottom)
    );
    let shift_tab = KeyPress {
        code: KeyCode::Tab,
        shift: true,
        ..KeyPress::new(KeyCode::Tab)
    };
    assert_eq!(
        km.resolve(Context::Reader, &[shift_tab]),
        Resolved::Action(Action::FocusPrev)
    );
    assert_eq!(km.resolve(Context::Reader, &[]), Resolved::Unbound);
}

#[rstest]
#[case(Context::Reader, Action::Down, &["j", "down"])]
#[case(Context::Reader, Action::Search, &["/"])]
#[case(Context::Reader, Action::Top, &["g g", "home"])]
#[case(Context::Popup, Action::Quit, &["ctrl-c"])]
#[case(Context::Search, Action::Quit, &[])]
#[case(Context::Search, Action::Search, &[])]
#[case(Context::Search, Action::Help, &["f1"])]
#[case(Context::Search, Action::FocusNext, &[])]
#[case(Context::Global, Action::Down, &[])]
fn keys_for_lists_only_keys_that_work(
    #[case] ctx: Context,
    #[case] action: Action,
    #[case] want: &[&str],
) {
    assert_eq!(Config::defaults().keymap.keys_for(ctx, action), want);
}

#[test]
fn effective_rows_follow_a_rebinding_everywhere() {
    let c = user("[keymap.global]\nhelp = [\"f2\"]\n[keymap.popup]\ncancel = [\"esc\"]\n").unwrap();
    for &ctx in Context::ALL {
        let rows = c.keymap.effective(ctx);
        let help = rows.iter().find(|(a, _)| *a == Action::Help);
        assert_eq!(
            help,
            Some(&(Action::Help, vec!["f2".to_string()])),
            "{ctx:?}"
        );
        assert_eq!(c.keymap.hint(ctx, Action::Help).as_deref(), Some("f2"));
        assert!(rows.iter().all(|(_, keys)| !keys.is_empty()));
    }
    let popup = c.keymap.effective(Context::Popup);
    let quit = popup.iter().find(|(a, _)| *a == Action::Quit);
    assert_eq!(
        quit,
        Some(&(Action::Quit, vec!["q".to_string(), "ctrl-c".to_string()]))
    );
    let search = Config::defaults().keymap.effective(Context::Search);
    assert!(
        search.iter().all(|(a, _)| *a != Action::Search),
        "'/' types into the query"
    );
}

#[rstest]
// A user binding replaces that action's default keys in that context, and nothing else.
#[case(
    "[keymap.global]\nquit = [\"ctrl-q\"]",
    Context::Global,
    "ctrl-q",
    Resolved::Action(Action::Quit)
)]
#[case(
    "[keymap.global]\nquit = [\"ctrl-q\"]",
    Context::Global,
    "q",
    Resolved::Unbound
)]
#[case(
    "[keymap.global]\nquit = [\"ctrl-q\"]",
    Context::Reader,
    "ctrl-c",
    Resolved::Unbound
)]
#[case(
    "[keymap.global]\nquit = [\"ctrl-q\"]",
    Context::Global,
    "?",
    Resolved::Action(Action::Help)
)]
#[case(
    "[keymap.global]\nquit = \"<C-q>\"",
    Context::Global,
    "ctrl-q",
    Resolved::Action(Action::Quit)
)]
#[case(
    "[keymap.reader]\ndown = [\"J\"]",
    Context::Reader,
    "J",
    Resolved::Action(Action::Down)
)]
#[case(
    "[keymap.reader]\ndown = [\"J\"]",
    Context::Reader,
    "j",
    Resolved::Unbound
)]
#[case(
    "[keymap.reader]\ndown = [\"J\"]",
    Context::Library,
    "j",
    Resolved::Action(Action::Down)
)]
// `[]` unbinds; the key then falls through to global or to nothing.
#[case(
    "[keymap.popup]\ncancel = []",
    Context::Popup,
    "q",
    Resolved::Action(Action::Quit)
)]
#[case("[keymap.reader]\ntop = []", Context::Reader, "g", Resolved::Unbound)]
// A freed key can be reused by another action in the same file.
#[case(
    "[keymap.global]\nquit = [\"ctrl-c\"]\nhelp = [\"q\"]",
    Context::Global,
    "q",
    Resolved::Action(Action::Help)
)]
#[case(
    "[keymap.reader]\ncopy = [\"y y\"]",
    Context::Reader,
    "y",
    Resolved::Pending
)]
#[case(
    "[keymap.reader]\ncopy = [\"y y\"]",
    Context::Reader,
    "y y",
    Resolved::Action(Action::Copy)
)]
// A context can take a key from global on purpose.
#[case(
    "[keymap.reader]\ncopy_citation = [\"n\"]\nsearch_next = []",
    Context::Reader,
    "n",
    Resolved::Action(Action::CopyCitation)
)]
#[case(
    "[keymap.reader]\ncopy_citation = [\"n\"]",
    Context::Library,
    "n",
    Resolved::Action(Action::SearchNext)
)]
fn user_bindings_merge(
    #[case] text: &str,
    #[case] ctx: Context,
    #[case] keys: &str,
    #[case] want: Resolved,
) {
    let c = user(text).unwrap();
    assert_eq!(c.keymap.resolve(ctx, &seq(keys)), want);
}

#[test]
fn overrides_are_marked_and_unbound_actions_listed() {
    let c = user("[keymap.global]\nquit = [\"ctrl-q\"]\nhelp = []\n").unwrap();
    let global = c.keymap.bindings(Context::Global);
    let find = |a: Action| global.iter().find(|(x, _, _)| *x == a).cloned();
    assert_eq!(
        find(Action::Quit),
        Some((Action::Quit, vec!["ctrl-q".into()], true))
    );
    assert_eq!(find(Action::Help), Some((Action::Help, vec![], true)));
    assert_eq!(
        find(Action::Search),
        Some((Action::Search, vec!["/".into()], false))
    );
    assert_eq!(c.source.as_deref(), Some(Path::new(USER)));
    // Order follows Action::ALL so the help overlay is stable.
    let order: Vec<Action> = global.iter().map(|(a, _, _)| *a).collect();
    let mut sorted = order.clone();
    sorted.sort_by_key(|a| Action::ALL.iter().position(|x| x == a));
    assert_eq!(order, sorted);
}

#[test]
fn partial_settings_override_only_what_they_name() {
    let c = user("mouse = true\n[theme]\nheading = \"#ff8800\"\n").unwrap();
    let d = Config::defaults();
    assert!(c.settings.mouse);
    assert_eq!(c.settings.theme.heading, Color::Rgb(0xff, 0x88, 0x00));
    assert_eq!(c.settings.theme.title, d.settings.theme.title);
    assert_eq!(c.settings.clipboard, d.settings.clipboard);
    assert_eq!(c.settings.quote_template, d.settings.quote_template);
}

#[rstest]
#[case("clipboard = \"osc52\"", |s: &Settings| s.clipboard == ClipboardMode::Osc52)]
#[case("citation_style = \"bibtex\"", |s: &Settings| s.citation_style == Style::Bibtex)]
#[case("quote_template = \"{citation}：{quote}\"", |s: &Settings| s.fill_quote("甲", &lunwen_core::corpus::citation::Citation {
    style: Style::Apa, text: "乙".into(), missing: Vec::new() }) == "乙：甲")]
#[case("[theme]\ndim = 244", |s: &Settings| s.theme.dim == Color::Indexed(244))]
#[case("corpus_dirs = [\"~/papers\", \"~\", \"/srv/论文\"]", |s: &Settings| s.corpus_dirs
    == [PathBuf::from("/home/u/papers"), PathBuf::from("/home/u"), PathBuf::from("/srv/论文")])]
#[case("corpus_dirs = [\"papers\"]", |s: &Settings| s.corpus_dirs
    == [PathBuf::from("/home/u/.config/lunwen/papers")])]
fn user_settings_apply(#[case] text: &str, #[case] check: fn(&Settings) -> bool) {
    let c = user(text).unwrap();
    assert!(check(&c.settings), "{text}: {:?}", c.settings);
}

#[rstest]
#[case(false, "", false)]
#[case(true, "", true)]
#[case(true, "[theme]\nmonochrome = false", false)]
#[case(false, "[theme]\nmonochrome = true", true)]
fn no_color_sets_monochrome_unless_the_user_file_says(
    #[case] no_color: bool,
    #[case] text: &str,
    #[case] want: bool,
) {
    let env = Env { no_color, ..env() };
    let c = Config::from_user_toml_with(text, Path::new(USER), &env).unwrap();
    assert_eq!(c.settings.theme.monochrome, want);
}

/// Every kind of mistake: the line reported and the message.
#[rstest]
#[case("mous = true", 1, "unknown setting 'mous' (did you mean 'mouse'?)")]
#[case(
    "\n\nwidth = 3",
    3,
    "unknown setting 'width' (known: clipboard, citation_style"
)]
#[case(
    "[keymap.global]\nqiut = [\"ctrl-q\"]",
    2,
    "unknown action 'qiut' in [keymap.global] (did you mean 'quit'?)"
)]
#[case(
    "[keymap.reader]\n\nscroll_sideways = [\"z\"]",
    3,
    "unknown action 'scroll_sideways' in [keymap.reader] (`lunwen keys` lists the actions)"
)]
#[case(
    "[keymap.reading]\ndown = [\"j\"]",
    1,
    "unknown keymap context 'reading' (did you mean 'reader'?)"
)]
#[case(
    "[keymap.pager]\ndown = [\"j\"]",
    1,
    "unknown keymap context 'pager' (contexts: global, library, outline, reader, search, popup)"
)]
#[case(
    "[keymap]\nquit = [\"q\"]",
    2,
    "'quit' is an action: put it in a context table such as [keymap.global]"
)]
#[case(
    "[keymap.global]\nquit = [\"cntrl-q\"]",
    2,
    "'quit' in [keymap.global]: bad key: unknown modifier 'cntrl-' in 'cntrl-q' (did you mean 'ctrl-'? use ctrl-, alt- or shift-)"
)]
#[case(
    "[keymap.global]\nquit = [\n  \"q\",\n  \"gg\",\n]",
    4,
    "'quit' in [keymap.global]: bad key: unknown key 'gg' (for a sequence of keys put spaces between them: 'g g')"
)]
#[case(
    "[keymap.global]\nhelp = [\"q\"]",
    2,
    "'q' for 'help' in [keymap.global] is already bound to 'quit' by the default config; rebind that too, e.g. quit = [\"ctrl-c\"] in [keymap.global]"
)]
#[case(
    "[keymap.reader]\ncopy = [\"x\"]\n\ncycle_style = [\"x\"]",
    4,
    "'x' is bound to both 'copy' and 'cycle_style' in [keymap.reader]"
)]
#[case(
    "[keymap.reader]\ncopy = [\"x\", \"x\"]",
    2,
    "'x' is listed twice for 'copy' in [keymap.reader]"
)]
#[case(
    "[keymap.reader]\ncopy = [\"G\"]",
    2,
    "'G' for 'copy' in [keymap.reader] is already bound to 'bottom' by the default config; rebind that too, e.g. bottom = [\"end\"] in [keymap.reader]"
)]
#[case(
    "[keymap.reader]\ncopy = [\"g\"]",
    2,
    "'g' (copy) in [keymap.reader] is also the first key of 'g g' (top); a key cannot both run an action and start a sequence; rebind that too, e.g. top = [\"home\"] in [keymap.reader]"
)]
#[case(
    "[keymap.reader]\ncopy_paragraph = [\"y p\"]",
    2,
    "'y' (copy) in [keymap.reader] is also the first key of 'y p' (copy_paragraph); a key cannot both run an action and start a sequence; rebind that too, e.g. copy = [] in [keymap.reader]"
)]
#[case(
    "[theme]\nheading = \"red\"\nmouse = true",
    3,
    "'mouse' is a top-level setting but sits under [theme]: move it above the first [table] line"
)]
#[case(
    "[keymap.reader]\ncopy = [\"y\"]\n\nclipboard = \"osc52\"",
    4,
    "'clipboard' is a top-level setting but sits under [keymap.reader]"
)]
#[case(
    "[keymap.reader]\n\"g g\" = \"top\"",
    2,
    "'g g' in [keymap.reader]: write the action first, then its keys: top = [\"g g\"]"
)]
#[case(
    "[keymap.search]\ntoggle_scope = [\"s\"]",
    2,
    "'s' for 'toggle_scope' in [keymap.search]: plain characters are typed into the search query"
)]
#[case("mouse = \"yes\"", 1, "mouse: expected true or false, found a string")]
#[case("clipboard = 3", 1, "clipboard: expected a string, found an integer")]
#[case(
    "clipboard = \"x11\"",
    1,
    "clipboard: unknown value 'x11' (choose one of: auto, system, osc52, off)"
)]
#[case(
    "citation_style = \"mla\"",
    1,
    "citation_style: unknown value 'mla' (choose one of: gbt7714, note, apa, bibtex)"
)]
#[case(
    "corpus_dirs = \"~/papers\"",
    1,
    "corpus_dirs: expected a list of directories like [\"~/papers\"], found a string"
)]
#[case("corpus_dirs = [\"\"]", 1, "corpus_dirs: empty directory name")]
#[case(
    "quote_template = 1",
    1,
    "quote_template: expected a string, found an integer"
)]
#[case(
    "quote_template = \"{quote} p.{page}\"",
    1,
    "unknown placeholder '{page}' in quote_template (known: {quote}, {citation})"
)]
#[case(
    "theme = \"dark\"",
    1,
    "theme: expected a table [theme], found a string"
)]
#[case(
    "[theme]\nbackground = \"black\"",
    2,
    "unknown theme colour 'background' in [theme]"
)]
#[case(
    "[theme]\nheading = \"grean\"",
    2,
    "theme.heading: unknown colour 'grean' (did you mean 'green'?"
)]
#[case(
    "[theme]\nheading = 300",
    2,
    "theme.heading: colour index must be 0 to 255"
)]
#[case(
    "[theme]\nheading = true",
    2,
    "theme.heading: expected a colour like \"blue\" or \"#1e90ff\", found a boolean"
)]
#[case(
    "[theme]\nmonochrome = 1",
    2,
    "theme.monochrome: expected true or false, found an integer"
)]
#[case(
    "[keymap]\nglobal = 3",
    2,
    "keymap.global: expected a table [keymap.global], found an integer"
)]
#[case(
    "[keymap.global]\nquit = 5",
    2,
    "'quit' in [keymap.global]: expected a list of keys like [\"q\", \"ctrl-c\"], found an integer"
)]
#[case(
    "[keymap.global]\nquit = [\"q\", 5]",
    2,
    "'quit' in [keymap.global]: each key must be a string like \"ctrl-d\", found an integer"
)]
#[case(
    "mouse = true\nmouse = false",
    2,
    "not valid TOML: duplicate key 'mouse'"
)]
#[case(
    "[keymap.global]\nquit = [\"x\"]\n[keymap.global]\nhelp = [\"y\"]",
    3,
    "not valid TOML: duplicate key"
)]
#[case(
    "mouse = yes",
    1,
    "not valid TOML: string values must be quoted, expected literal string (at 'yes')"
)]
#[case(
    "[keymap.global]\n\"\\u001b[31m\" = [\"x\"]",
    2,
    "unknown action '\\u{1b}[31m' in [keymap.global]"
)]
#[case(
    "[keymap.global]\nquit = [\"q\"\n",
    2,
    "not valid TOML: unclosed array, expected `]`"
)]
fn mistakes_are_reported_with_line_and_name(
    #[case] text: &str,
    #[case] line: usize,
    #[case] message: &str,
) {
    let err = user(text).unwrap_err();
    assert_eq!(err.path, Path::new(USER));
    assert_eq!(err.line, Some(line), "{err}");
    assert!(
        err.message.contains(message),
        "{text:?}\n got: {}\nwant: {message}",
        err.message
    );
    assert!(err.to_string().starts_with(&format!("{USER}:{line}: ")));
}

#[test]
fn the_first_mistake_in_the_file_is_reported() {
    let text = "[theme]\nzzz = \"red\"\n[keymap.global]\nqiut = [\"q\"]\n";
    // Tables are visited in key order (keymap before theme); the report must follow the file.
    let err = user(&format!("aaa = 1\n{text}")).unwrap_err();
    assert_eq!(err.line, Some(1));
    let err = user(text).unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
}

#[test]
fn error_display_names_file_line_and_key() {
    let err = user("mouse = false\n\n[keymap.global]\nqiut = [\"ctrl-q\"]\n").unwrap_err();
    assert_eq!(
        err.to_string(),
        format!("{USER}:4: unknown action 'qiut' in [keymap.global] (did you mean 'quit'?)")
    );
}

mod loading {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, text).unwrap();
        p
    }

    fn env_in(dir: &Path) -> Env {
        Env {
            config_dir: Some(dir.join("lunwen")),
            ..env()
        }
    }

    #[test]
    fn a_missing_file_in_the_default_location_means_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let c = Config::load_with(None, &env_in(dir.path())).unwrap();
        assert_eq!(c.source, None);
        assert!(
            !dir.path().join("lunwen").exists(),
            "must not create the config dir"
        );
    }

    #[test]
    fn the_default_location_is_read() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("lunwen")).unwrap();
        let p = write(&dir.path().join("lunwen"), "config.toml", "mouse = true");
        let c = Config::load_with(None, &env_in(dir.path())).unwrap();
        assert!(c.settings.mouse);
        assert_eq!(c.source, Some(p));
    }

    #[test]
    fn flag_beats_variable_beats_default_location() {
        let dir = tempfile::tempdir().unwrap();
        let flag = write(dir.path(), "flag.toml", "citation_style = \"apa\"");
        let var = write(dir.path(), "var.toml", "citation_style = \"note\"");
        let env = Env {
            config_var: Some(var.clone()),
            ..env_in(dir.path())
        };
        let c = Config::load_with(Some(&flag), &env).unwrap();
        assert_eq!(c.settings.citation_style, Style::Apa);
        let c = Config::load_with(None, &env).unwrap();
        assert_eq!(c.settings.citation_style, Style::ChineseNote);
        assert_eq!(
            locate(None, &env_in(dir.path())),
            Some(Location {
                path: dir.path().join("lunwen").join("config.toml"),
                reason: "default location",
                required: false,
            })
        );
        assert_eq!(locate(None, &super::env()), None);
    }

    #[rstest]
    #[case::flag(true)]
    #[case::variable(false)]
    fn a_named_file_that_is_missing_is_an_error(#[case] by_flag: bool) {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope.toml");
        let (explicit, env) = if by_flag {
            (Some(missing.as_path()), env_in(dir.path()))
        } else {
            let env = Env {
                config_var: Some(missing.clone()),
                ..env_in(dir.path())
            };
            (None, env)
        };
        let err = Config::load_with(explicit, &env).unwrap_err();
        assert_eq!(err.path, missing);
        assert!(err.message.contains("cannot read config file"), "{err}");
        assert!(
            err.message
                .contains(if by_flag { "--config" } else { CONFIG_ENV })
        );
    }

    #[test]
    fn a_file_that_is_not_utf8_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("gbk.toml");
        std::fs::write(&p, b"mouse = true # \xc2\xdb\xce\xc4\xff").unwrap();
        let err = Config::load_with(Some(&p), &env()).unwrap_err();
        assert_eq!(err.to_string(), format!("{}: not UTF-8 text", p.display()));
    }
}
