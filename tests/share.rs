//! Share links carry a scenario in the address's fragment, compressed.

use baton::app::share::{fragment, link, read, ShareError, MAX_LINK, PREFIX};
use baton::samples;

#[test]
fn every_sample_fits_in_a_link_and_comes_back_identical() {
    for sample in samples::ALL {
        let s = sample.scenario().unwrap();
        let url = link("http://127.0.0.1:8080/", &s).unwrap_or_else(|n| panic!("{} needs {n} characters", sample.id));
        assert!(url.len() <= MAX_LINK);
        let frag = &url[url.find('#').unwrap()..];
        assert!(frag.starts_with(PREFIX));
        assert_eq!(read(frag).unwrap(), s);
    }
}

#[test]
fn a_scenario_too_large_for_a_link_is_refused_with_its_length() {
    let mut s = samples::ebook_playbook().unwrap();
    for i in 0..400 {
        let mut c = s.contacts[0].clone();
        c.id = format!("extra-{i}");
        c.email = format!("person{i}-{}@example.com", i * 7919 % 10007);
        c.name = format!("Person {i} {}", i * 31337 % 65521);
        s.contacts.push(c);
    }
    let n = link("http://x/", &s).unwrap_err();
    assert!(n > MAX_LINK);
}

#[test]
fn a_damaged_or_invalid_link_is_explained() {
    let s = samples::ebook_playbook().unwrap();
    let f = fragment(&s);
    assert_eq!(read(&f[..f.len() / 2]), Err(ShareError::Damaged));
    assert_eq!(read("#scenario=!!!"), Err(ShareError::Damaged));
    let mut bad = s.clone();
    bad.calendar.horizon_days = 0;
    match read(&fragment(&bad)) {
        Err(ShareError::Invalid(lines)) => assert!(lines.contains(&"calendar.horizon_days: must be from 1 to 730 days".to_string())),
        other => panic!("expected invalid, got {other:?}"),
    }
}
