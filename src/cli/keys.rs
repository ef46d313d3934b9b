//! `lunwen keys`: the keys in effect, one block per context.

use std::fmt::Write as _;

use unicode_width::UnicodeWidthStr;

use crate::action::Action;
use crate::config::{Config, Context, Resolved, parse_sequence};

/// The effective keymap, one block per context; `*` marks what the user's file set.
pub fn keys_report(config: &Config) -> String {
    let mut out = String::new();
    out.push_str("# The focused context's keys are looked up first, then [global].\n");
    let mut any_user = false;
    let key_width = Context::ALL
        .iter()
        .flat_map(|&ctx| config.keymap.bindings(ctx))
        .map(|(_, keys, _)| keys.join(", ").width())
        .max()
        .unwrap_or(0)
        .max("(unbound)".len());
    for &ctx in Context::ALL {
        let _ = writeln!(out, "\n[{}]", ctx.name());
        for (action, keys, user) in config.keymap.bindings(ctx) {
            any_user |= user;
            let keys = if keys.is_empty() {
                "(unbound)".to_string()
            } else {
                keys.join(", ")
            };
            let pad = key_width.saturating_sub(keys.width());
            let _ = writeln!(
                out,
                "{} {:<16} {keys}{}  {}",
                if user { '*' } else { ' ' },
                action.name(),
                " ".repeat(pad),
                action.help()
            );
            if ctx == Context::Global {
                let shadows = shadowed(config, action);
                if !shadows.is_empty() {
                    let _ = writeln!(out, "{:18} but {}", "", shadows.join("; "));
                }
            }
        }
    }
    if any_user && let Some(src) = &config.source {
        let _ = writeln!(out, "\n* set in {}", src.display());
    }
    out
}

/// The effective keymap as JSON: for each context, its bindings with the keys, whether the
/// user's file set them, and what the action does.
pub fn keys_json(config: &Config) -> serde_json::Value {
    let contexts: serde_json::Map<String, serde_json::Value> = Context::ALL
        .iter()
        .map(|&ctx| {
            let bindings: Vec<serde_json::Value> = config
                .keymap
                .bindings(ctx)
                .into_iter()
                .map(|(action, keys, user)| {
                    serde_json::json!({
                        "action": action.name(),
                        "keys": keys,
                        "user": user,
                        "help": action.help(),
                    })
                })
                .collect();
            (ctx.name().to_string(), serde_json::Value::Array(bindings))
        })
        .collect();
    serde_json::Value::Object(contexts)
}

/// Where a global key of `action` does something else because a context binds it:
/// "q runs cancel in [popup]".
fn shadowed(config: &Config, action: Action) -> Vec<String> {
    let keymap = &config.keymap;
    let mut out = Vec::new();
    for key in keymap.keys_for(Context::Global, action) {
        let Ok(seq) = parse_sequence(&key) else {
            continue;
        };
        for &ctx in &Context::ALL[1..] {
            let what = match keymap.resolve(ctx, &seq) {
                Resolved::Action(a) if a != action => format!("runs {}", a.name()),
                Resolved::Pending => "starts a longer key".to_string(),
                _ => continue,
            };
            out.push(format!("{key} {what} in [{}]", ctx.name()));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn keys_report_marks_user_bindings_and_unbound_actions() {
        let text = "[keymap.global]\nquit = [\"ctrl-q\"]\nhelp = []\n";
        let path = Path::new("/tmp/lunwen-test/config.toml");
        let c = Config::from_user_toml_with(text, path, &Default::default()).unwrap();
        let report = keys_report(&c);
        let line = |name: &str| {
            report
                .lines()
                .find(|l| {
                    l.get(2..)
                        .is_some_and(|rest| rest.starts_with(&format!("{name} ")))
                })
                .unwrap_or_else(|| panic!("no line for {name} in\n{report}"))
                .to_string()
        };
        assert!(line("quit").starts_with("* quit"));
        assert!(line("quit").contains("ctrl-q"));
        assert!(line("quit").ends_with("Quit lunwen"));
        assert!(line("help").starts_with("* help"));
        assert!(line("help").contains("(unbound)"));
        assert!(line("search").starts_with("  search"));
        assert!(report.contains("\n[popup]\n"));
        assert!(report.ends_with("* set in /tmp/lunwen-test/config.toml\n"));
        let defaults = keys_report(&Config::defaults());
        let after = |report: &str, name: &str| {
            report
                .lines()
                .skip_while(|l| {
                    !l.starts_with(&format!("  {name} ")) && !l.starts_with(&format!("* {name} "))
                })
                .nth(1)
                .map(|l| l.trim().to_string())
        };
        assert_eq!(
            after(&defaults, "quit").as_deref(),
            Some("but q runs cancel in [popup]; ctrl-c runs cancel in [search]")
        );
        let c = Config::from_user_toml_with(
            "[keymap.global]\nsearch = [\"s\", \"z\"]\n",
            path,
            &Default::default(),
        )
        .unwrap();
        assert_eq!(
            after(&keys_report(&c), "search").as_deref(),
            Some("but s runs next_sentence in [reader]; z starts a longer key in [outline]")
        );
        assert!(!defaults.contains("* "), "no overrides in the defaults");
    }

    #[test]
    fn keys_json_lists_every_context_and_marks_user_bindings() {
        let path = Path::new("/tmp/lunwen-test/config.toml");
        let c = Config::from_user_toml_with(
            "[keymap.global]\nquit = [\"ctrl-q\"]\n",
            path,
            &Default::default(),
        )
        .unwrap();
        let json = keys_json(&c);
        assert_eq!(json.as_object().map(|o| o.len()), Some(Context::ALL.len()));
        let quit = json["global"]
            .as_array()
            .and_then(|b| b.iter().find(|b| b["action"] == "quit"))
            .cloned()
            .unwrap_or_default();
        assert_eq!(quit["keys"], serde_json::json!(["ctrl-q"]));
        assert_eq!(quit["user"], true);
    }
}
