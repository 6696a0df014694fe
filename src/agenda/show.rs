//! An agenda as readable plain text (`tafel agenda show`).

use super::Agenda;
use crate::text::one_line;
use std::fmt::Write;

pub fn render(a: &Agenda) -> String {
    let mut s = String::new();
    let _ = writeln!(s, "{} — {}", one_line(&a.name), one_line(&a.version));
    if !a.source.is_empty() {
        let _ = writeln!(s, "Bron/source: {}", one_line(&a.source));
    }
    let _ = writeln!(s, "\nDimensies ({})", a.dimensions.len());
    for d in &a.dimensions {
        let _ = writeln!(
            s,
            "  {:<34} {}",
            one_line(&d.name),
            one_line(&d.description)
        );
    }
    let _ = writeln!(s, "\nActiepunten ({})", a.action_points.len());
    for p in &a.action_points {
        let statuses: Vec<&str> = p.statuses.iter().map(|s| s.key()).collect();
        let _ = writeln!(
            s,
            "  {:>2}. {} [{}]",
            p.number,
            one_line(&p.title),
            statuses.join(", ")
        );
        if !p.remark.is_empty() {
            let _ = writeln!(s, "      {}", one_line(&p.remark));
        }
    }
    let _ = writeln!(s, "\nBeleidsvragen ({})", a.policy_questions.len());
    for q in &a.policy_questions {
        let dim = q
            .dimension
            .as_deref()
            .map(|k| a.dimension_name(k).unwrap_or(k))
            .unwrap_or("-");
        let _ = writeln!(
            s,
            "  {:>2}. {} — {}",
            q.number,
            one_line(dim),
            one_line(&q.title)
        );
        if !q.directorate.is_empty() {
            let _ = writeln!(s, "      {}", one_line(&q.directorate));
        }
        let _ = writeln!(s, "      {}", one_line(&q.question));
        for sub in &q.sub_questions {
            let _ = writeln!(s, "      {}. {}", one_line(&sub.label), one_line(&sub.text));
        }
        if !q.closing.is_empty() {
            let _ = writeln!(s, "      {}", one_line(&q.closing));
        }
    }
    if !a.themes.is_empty() {
        let _ = writeln!(s, "\nThema's ({})", a.themes.len());
        for t in &a.themes {
            let points = t.action_points.iter().map(|n| format!("AP {n}"));
            let questions = t.policy_questions.iter().map(|n| format!("BV {n}"));
            let items: Vec<String> = points.chain(questions).collect();
            let _ = writeln!(s, "  {} — {}", one_line(&t.name), items.join(", "));
        }
    }
    let _ = writeln!(s, "\nAdviezen ({})", a.advices.len());
    let mut group = None;
    for adv in &a.advices {
        if group != Some(&adv.group) {
            let _ = writeln!(s, "  {}", one_line(&adv.group));
            group = Some(&adv.group);
        }
        let _ = writeln!(s, "    {:>2}. {}", adv.number, one_line(&adv.title));
    }
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn shows_every_part_of_the_bundled_agenda() {
        let text = super::render(&super::super::bundled());
        assert!(text.starts_with("Actieplan Open Overheid 2023-2027"));
        assert!(text.contains("Actiepunten (17)"));
        assert!(
            text.contains("15. Maatschappelijke baten van transparantie [afgerond, doorgezet]")
        );
        assert!(text.contains(" 6. Open Algoritmen — Transparantie over algoritmes"));
        assert!(text.contains("      C. Op welke manier"));
        assert!(text.contains("Adviezen (13)"));
        assert!(text.contains("Thema's (4)"));
        assert!(text.contains("  Algoritmen en democratie — AP 7, AP 15, BV 5, BV 6\n"));
        assert!(text.contains("  Uitvoering van de actiepunten\n    11. Organiseer een Community"));
    }
}
