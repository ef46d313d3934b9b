//! Any key string either parses to keys that print back to an equal sequence, or is refused
//! with a message; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use lunwen::config::{parse_sequence, sequence_to_string};

fuzz_target!(|s: &str| {
    if let Ok(keys) = parse_sequence(s) {
        let printed = sequence_to_string(&keys);
        let again = parse_sequence(&printed).expect("a printed sequence parses");
        assert_eq!(
            again.iter().map(|k| k.normalized()).collect::<Vec<_>>(),
            keys.iter().map(|k| k.normalized()).collect::<Vec<_>>()
        );
    }
});
