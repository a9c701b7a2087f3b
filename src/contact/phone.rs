//! Phone numbers as people type them in the contact editor.
//!
//! A person types a number on one line, in international form and grouped
//! the way they are used to (`+44 20 7946 0958`, `+1 (212) 555-0199`,
//! `0044 20 7946 0958`), or without a country code (`020 7946 0958`), in
//! which case the calling code of the contact's primary phone is assumed.
//! [`parse`] splits the text into an E.164 country calling code and the
//! national part, keeping the person's grouping; [`display`] puts the two
//! back together for showing, and [`digits_key`] gives a digits-only key for
//! spotting duplicates.
//!
//! This is deliberately not a full phone-number library: it knows the list
//! of calling codes and the E.164 length limit, not each country's numbering
//! plan.

/// E.164 country calling codes (ITU-T), digits only, without '+'. Prefix-free.
///
/// Taken from the `countryCode` attributes of Google libphonenumber's
/// `resources/PhoneNumberMetadata.xml` (see the `PUBLISHED` test fixture),
/// including the non-geographic codes (800, 808, 870, 878, 881, 882, 883,
/// 888, 979). Grouped by ITU world numbering zone.
pub const CALLING_CODES: &[&str] = &[
    // Zone 1: North American Numbering Plan.
    "1", //
    // Zone 2: mostly Africa.
    "20", "27", "211", "212", "213", "216", "218", "220", "221", "222", "223", "224", "225", "226",
    "227", "228", "229", "230", "231", "232", "233", "234", "235", "236", "237", "238", "239",
    "240", "241", "242", "243", "244", "245", "246", "247", "248", "249", "250", "251", "252",
    "253", "254", "255", "256", "257", "258", "260", "261", "262", "263", "264", "265", "266",
    "267", "268", "269", "290", "291", "297", "298", "299", //
    // Zones 3 and 4: Europe.
    "30", "31", "32", "33", "34", "36", "39", "350", "351", "352", "353", "354", "355", "356",
    "357", "358", "359", "370", "371", "372", "373", "374", "375", "376", "377", "378", "380",
    "381", "382", "383", "385", "386", "387", "389", //
    "40", "41", "43", "44", "45", "46", "47", "48", "49", "420", "421", "423", //
    // Zone 5: Central and South America.
    "51", "52", "53", "54", "55", "56", "57", "58", "500", "501", "502", "503", "504", "505", "506",
    "507", "508", "509", "590", "591", "592", "593", "594", "595", "596", "597", "598",
    "599", //
    // Zone 6: South-East Asia and Oceania.
    "60", "61", "62", "63", "64", "65", "66", "670", "672", "673", "674", "675", "676", "677",
    "678", "679", "680", "681", "682", "683", "685", "686", "687", "688", "689", "690", "691",
    "692", //
    // Zone 7: Russia and Kazakhstan.
    "7", //
    // Zone 8: East Asia and non-geographic services.
    "81", "82", "84", "86", "800", "808", "850", "852", "853", "855", "856", "870", "878", "880",
    "881", "882", "883", "886", "888", //
    // Zone 9: West, Central and South Asia, and the Middle East.
    "90", "91", "92", "93", "94", "95", "98", "960", "961", "962", "963", "964", "965", "966",
    "967", "968", "970", "971", "972", "973", "974", "975", "976", "977", "979", "992", "993",
    "994", "995", "996", "998",
];

/// E.164 caps a whole number, calling code included, at this many digits.
const MAX_DIGITS: usize = 15;

/// The fewest digits accepted in the national part.
const MIN_NATIONAL_DIGITS: usize = 4;

/// Example shown when a number needs a country code.
const NEEDS_CODE: &str = "type the number with its country code, like +44 20 7946 0958";

/// The calling code at the start of `digits` (digits only, no '+'), if any.
///
/// The table is prefix-free, so at most one code can match.
#[must_use]
pub fn calling_code_of(digits: &str) -> Option<&'static str> {
    CALLING_CODES
        .iter()
        .copied()
        .find(|code| digits.starts_with(code))
}

/// A typed phone number split into calling code and national part.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// Digits only, e.g. "44"
    pub country_code: String,
    /// The national part as the person grouped it, spaces kept, other punctuation ( ) - . turned into spaces and runs of spaces collapsed, trimmed: "20 7946 0958"
    pub national: String,
    /// true when the typed text had no '+' (or 00 prefix) and `default_code` was used
    pub code_assumed: bool,
}

/// Parses a typed number. `default_code` is the calling code (digits) of the
/// contact's primary phone, used when the text has no leading '+' or "00".
///
/// Apart from a single leading '+', only digits, spaces (any whitespace) and
/// the punctuation `( ) - .` are accepted. The calling code is read from the
/// first run of digits, so both `+44 20…` and `+4420…` work. A national
/// trunk 0 is kept as typed, except that `(0)` right after an explicit code
/// (`+44 (0)20 7946 0958`) is dropped. A `default_code` that is not in
/// [`CALLING_CODES`] is treated as absent.
///
/// # Errors
///
/// Errors are one plain English sentence for showing in the row, e.g.
///  - "the number is empty"
///  - "\"+44 20 79x6\" has a character that is not a digit: x"
///  - "+999 is not a country calling code"
///  - "type the number with its country code, like +44 20 7946 0958"
///  - "the number after +44 has 3 digits; a phone number has 4 to 13"
///    (E.164 allows 15 digits in all, so the upper bound is 15 minus the
///    length of the code)
pub fn parse(typed: &str, default_code: Option<&str>) -> Result<Parsed, String> {
    let text = typed.trim();
    let after_plus = text.strip_prefix('+');
    let body = after_plus.unwrap_or(text);
    if let Some(bad) = body
        .chars()
        .find(|&c| !c.is_ascii_digit() && !is_separator(c))
    {
        return Err(format!(
            "\"{text}\" has a character that is not a digit: {bad}"
        ));
    }
    if !body.chars().any(|c| c.is_ascii_digit()) {
        return Err("the number is empty".to_owned());
    }

    let (country_code, national, code_assumed) =
        match after_plus.or_else(|| text.strip_prefix("00")) {
            Some(international) => {
                let (code, rest) = split_code(international)?;
                (code, drop_bracketed_trunk_zero(rest), false)
            }
            None => {
                let code = default_code
                    .and_then(known_code)
                    .ok_or_else(|| NEEDS_CODE.to_owned())?;
                (code, text, true)
            }
        };

    let national = normalize(national);
    let count = national.chars().filter(char::is_ascii_digit).count();
    let max = MAX_DIGITS - country_code.len();
    if !(MIN_NATIONAL_DIGITS..=max).contains(&count) {
        let unit = if count == 1 { "digit" } else { "digits" };
        return Err(format!(
            "the number after +{country_code} has {count} {unit}; \
             a phone number has {MIN_NATIONAL_DIGITS} to {max}"
        ));
    }
    Ok(Parsed {
        country_code: country_code.to_owned(),
        national,
        code_assumed,
    })
}

/// "+44 20 7946 0958"
#[must_use]
pub fn display(country_code: &str, national: &str) -> String {
    if national.is_empty() {
        format!("+{country_code}")
    } else {
        format!("+{country_code} {national}")
    }
}

/// Digits only of code+national, for duplicate detection ("442079460958").
#[must_use]
pub fn digits_key(country_code: &str, national: &str) -> String {
    country_code
        .chars()
        .chain(national.chars())
        .filter(char::is_ascii_digit)
        .collect()
}

/// Whitespace and the punctuation people use to group digits.
fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '-' | '.')
}

/// `code` itself, as the table's `'static` string, if it is a calling code.
fn known_code(code: &str) -> Option<&'static str> {
    CALLING_CODES.iter().copied().find(|&known| known == code)
}

/// Splits the text after '+' or "00" into the calling code and the rest.
///
/// The code must start the first run of digits; its digits are not looked
/// for across a separator, so "+2 12 …" is an unknown code, not +212.
fn split_code(international: &str) -> Result<(&'static str, &str), String> {
    let start = international.trim_start_matches(is_separator);
    let run = start
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(start.len());
    if run == 0 {
        return Err(NEEDS_CODE.to_owned());
    }
    match calling_code_of(&start[..run]) {
        Some(code) => Ok((code, &start[code.len()..])),
        None => {
            // Codes have at most three digits; show no more than that.
            let shown = &start[..run.min(3)];
            Err(format!("+{shown} is not a country calling code"))
        }
    }
}

/// Drops a "(0)" that starts the national part, as in "+44 (0)20 7946 0958".
fn drop_bracketed_trunk_zero(national: &str) -> &str {
    let trimmed = national.trim_start_matches(|c: char| c != '(' && is_separator(c));
    trimmed.strip_prefix("(0)").unwrap_or(national)
}

/// Turns separators into single spaces and trims the ends.
fn normalize(national: &str) -> String {
    national
        .split(is_separator)
        .filter(|group| !group.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Every distinct `countryCode="..."` attribute in
    /// `resources/PhoneNumberMetadata.xml` of google/libphonenumber at commit
    /// f7e3e88c92b905c8d6edb81f336dbe25edc05b52 (2026-07-17; the file itself
    /// last changed in 1b411cef61875cdb35e543514eaa499db5893c95). The keys of
    /// `java/libphonenumber/src/com/google/i18n/phonenumbers/CountryCodeToRegionCodeMap.java`
    /// at that commit are the same 215 codes.
    const PUBLISHED: &str = "
        1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61
        62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224
        225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246
        247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269
        290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376
        377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508
        509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681
        682 683 685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882
        883 886 888 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992
        993 994 995 996 998
    ";

    fn ok(typed: &str, default_code: Option<&str>) -> Parsed {
        match parse(typed, default_code) {
            Ok(parsed) => parsed,
            Err(message) => panic!("{typed:?} did not parse: {message}"),
        }
    }

    fn err(typed: &str, default_code: Option<&str>) -> String {
        match parse(typed, default_code) {
            Ok(parsed) => panic!("{typed:?} parsed as {parsed:?}"),
            Err(message) => message,
        }
    }

    fn parsed(country_code: &str, national: &str, code_assumed: bool) -> Parsed {
        Parsed {
            country_code: country_code.to_owned(),
            national: national.to_owned(),
            code_assumed,
        }
    }

    #[test]
    fn table_equals_published_list() {
        let table: BTreeSet<&str> = CALLING_CODES.iter().copied().collect();
        let published: BTreeSet<&str> = PUBLISHED.split_whitespace().collect();
        assert_eq!(table.len(), CALLING_CODES.len(), "duplicate in table");
        assert_eq!(published.len(), 215);
        assert_eq!(table, published);
    }

    #[test]
    fn table_has_digit_codes_of_one_to_three_digits() {
        for code in CALLING_CODES {
            assert!((1..=3).contains(&code.len()), "{code}");
            assert!(code.chars().all(|c| c.is_ascii_digit()), "{code}");
        }
    }

    #[test]
    fn table_includes_nanp_russia_and_non_geographic_codes() {
        for code in [
            "1", "7", "800", "808", "870", "878", "881", "882", "883", "888", "979",
        ] {
            assert!(CALLING_CODES.contains(&code), "{code}");
        }
    }

    #[test]
    fn table_is_prefix_free() {
        for a in CALLING_CODES {
            for b in CALLING_CODES {
                assert!(a == b || !b.starts_with(a), "{a} is a prefix of {b}");
            }
        }
    }

    #[test]
    fn calling_code_of_finds_the_leading_code() {
        assert_eq!(calling_code_of("442079460958"), Some("44"));
        assert_eq!(calling_code_of("12125550199"), Some("1"));
        assert_eq!(calling_code_of("74951234567"), Some("7"));
        assert_eq!(calling_code_of("420123456789"), Some("420"));
        assert_eq!(calling_code_of("979123456789"), Some("979"));
        assert_eq!(calling_code_of("999123"), None);
        assert_eq!(calling_code_of("0"), None);
        assert_eq!(calling_code_of(""), None);
    }

    #[test]
    fn parses_international_forms() {
        assert_eq!(
            ok("+44 20 7946 0958", None),
            parsed("44", "20 7946 0958", false)
        );
        assert_eq!(
            ok("+1 (212) 555-0199", None),
            parsed("1", "212 555 0199", false)
        );
        assert_eq!(
            ok("0044 20 7946 0958", None),
            parsed("44", "20 7946 0958", false)
        );
        assert_eq!(
            ok("+7 495 123 45 67", None),
            parsed("7", "495 123 45 67", false)
        );
        assert_eq!(
            ok("+420 123 456 789", None),
            parsed("420", "123 456 789", false)
        );
    }

    #[test]
    fn explicit_code_wins_over_default() {
        assert_eq!(
            ok("+1 (212) 555-0199", Some("44")),
            parsed("1", "212 555 0199", false)
        );
    }

    #[test]
    fn code_need_not_be_followed_by_a_space() {
        assert_eq!(ok("+442079460958", None), parsed("44", "2079460958", false));
        assert_eq!(
            ok("+1-212-555-0199", None),
            parsed("1", "212 555 0199", false)
        );
        assert_eq!(
            ok("+(44) 20 7946 0958", None),
            parsed("44", "20 7946 0958", false)
        );
    }

    #[test]
    fn drops_bracketed_trunk_zero_after_explicit_code() {
        assert_eq!(
            ok("+44 (0)20 7946 0958", None),
            parsed("44", "20 7946 0958", false)
        );
        assert_eq!(
            ok("+44(0)20 7946 0958", None),
            parsed("44", "20 7946 0958", false)
        );
        assert_eq!(
            ok("0044 (0) 20 7946 0958", None),
            parsed("44", "20 7946 0958", false)
        );
    }

    #[test]
    fn keeps_trunk_zero_as_typed_otherwise() {
        assert_eq!(
            ok("+44 020 7946 0958", None),
            parsed("44", "020 7946 0958", false)
        );
        assert_eq!(
            ok("(0)20 7946 0958", Some("44")),
            parsed("44", "0 20 7946 0958", true)
        );
    }

    #[test]
    fn uses_default_code_without_plus() {
        assert_eq!(
            ok("020 7946 0958", Some("44")),
            parsed("44", "020 7946 0958", true)
        );
    }

    #[test]
    fn normalizes_grouping() {
        assert_eq!(
            ok("  +1  (212)  555--0199 ", None),
            parsed("1", "212 555 0199", false)
        );
        assert_eq!(
            ok("+33 1.23.45.67.89", None),
            parsed("33", "1 23 45 67 89", false)
        );
        assert_eq!(
            ok("+44\u{a0}20\t7946\u{a0}0958", None),
            parsed("44", "20 7946 0958", false)
        );
    }

    #[test]
    fn empty_number() {
        assert_eq!(err("", None), "the number is empty");
        assert_eq!(err("   ", Some("44")), "the number is empty");
        assert_eq!(err("+", None), "the number is empty");
        assert_eq!(err(" ( ) - ", Some("44")), "the number is empty");
    }

    #[test]
    fn character_that_is_not_a_digit() {
        assert_eq!(
            err("+44 20 79x6", None),
            "\"+44 20 79x6\" has a character that is not a digit: x"
        );
        assert_eq!(
            err("020 79x6", Some("44")),
            "\"020 79x6\" has a character that is not a digit: x"
        );
        assert_eq!(
            err("++44 20 7946 0958", None),
            "\"++44 20 7946 0958\" has a character that is not a digit: +"
        );
        assert_eq!(
            err("+44 20 7946 0958 ext 12", None),
            "\"+44 20 7946 0958 ext 12\" has a character that is not a digit: e"
        );
    }

    #[test]
    fn unknown_calling_code() {
        assert_eq!(
            err("+999 123 4567", None),
            "+999 is not a country calling code"
        );
        assert_eq!(
            err("009991234567", None),
            "+999 is not a country calling code"
        );
        assert_eq!(
            err("+2 12 345 678", None),
            "+2 is not a country calling code"
        );
        assert_eq!(
            err("+0 20 7946 0958", None),
            "+0 is not a country calling code"
        );
    }

    #[test]
    fn needs_a_country_code() {
        assert_eq!(
            err("020 7946 0958", None),
            "type the number with its country code, like +44 20 7946 0958"
        );
        assert_eq!(
            err("020 7946 0958", Some("")),
            "type the number with its country code, like +44 20 7946 0958"
        );
        assert_eq!(
            err("020 7946 0958", Some("999")),
            "type the number with its country code, like +44 20 7946 0958"
        );
        assert_eq!(
            err("00", None),
            "type the number with its country code, like +44 20 7946 0958"
        );
    }

    #[test]
    fn national_part_length() {
        assert_eq!(
            err("+44 209", None),
            "the number after +44 has 3 digits; a phone number has 4 to 13"
        );
        assert_eq!(
            err("+44", None),
            "the number after +44 has 0 digits; a phone number has 4 to 13"
        );
        assert_eq!(
            err("+44 (0)2", None),
            "the number after +44 has 1 digit; a phone number has 4 to 13"
        );
        assert_eq!(
            err("123", Some("44")),
            "the number after +44 has 3 digits; a phone number has 4 to 13"
        );
        assert_eq!(ok("+44 2094", None).national, "2094");
        assert_eq!(ok("+44 1234 5678 90123", None).national, "1234 5678 90123");
        assert_eq!(
            err("+44 1234 5678 901234", None),
            "the number after +44 has 14 digits; a phone number has 4 to 13"
        );
        assert_eq!(ok("+1 1234 5678 901234", None).national, "1234 5678 901234");
        assert_eq!(
            err("+1 1234 5678 9012345", None),
            "the number after +1 has 15 digits; a phone number has 4 to 14"
        );
        assert_eq!(
            err("+420 1234 5678 90123", None),
            "the number after +420 has 13 digits; a phone number has 4 to 12"
        );
    }

    #[test]
    fn display_joins_code_and_national() {
        assert_eq!(display("44", "20 7946 0958"), "+44 20 7946 0958");
        assert_eq!(display("1", "212 555 0199"), "+1 212 555 0199");
        assert_eq!(display("44", ""), "+44");
    }

    #[test]
    fn digits_key_keeps_only_digits() {
        assert_eq!(digits_key("44", "20 7946 0958"), "442079460958");
        assert_eq!(digits_key("1", "212 555 0199"), "12125550199");
    }

    #[test]
    fn differently_grouped_numbers_share_a_key() {
        let a = ok("+44 20 7946 0958", None);
        let b = ok("0044 (0)2079 460958", None);
        assert_eq!(
            digits_key(&a.country_code, &a.national),
            digits_key(&b.country_code, &b.national)
        );
        assert_eq!(display(&a.country_code, &a.national), "+44 20 7946 0958");
    }
}
