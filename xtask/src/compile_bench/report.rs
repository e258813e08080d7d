//! The bench's figures: medians, ratios to the baseline, and the table with issue 16's goals beside them.

/// KiB in the MB the table shows (MiB: GNU time counts KiB).
const KIB_PER_MB: f64 = 1024.0;

/// What issue 16 asks of one subject; None where it asks nothing.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Goal {
    /// Median cold check at most this many times the baseline's.
    pub ratio: Option<f64>,
    /// Peak memory at most this many MB.
    pub peak_mb: Option<f64>,
    /// Generated lines per operation at most this many.
    pub lines_per_operation: Option<f64>,
}

/// One subject's measured figures.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    /// Wall seconds of each round's check.
    pub seconds: Vec<f64>,
    /// Peak memory of each round's check in KiB, when measured.
    pub peak_kib: Vec<u64>,
    pub lines_per_operation: Option<f64>,
    pub goal: Goal,
}

/// The median of `values`; the mean of the middle two for an even count; None when empty.
pub fn median(values: &[f64]) -> Option<f64> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let middle = sorted.len() / 2;
    match sorted.len() {
        0 => None,
        n if n % 2 == 1 => Some(sorted[middle]),
        _ => Some((sorted[middle - 1] + sorted[middle]) / 2.0),
    }
}

/// `value` as a multiple of `baseline`; None when the baseline is no positive time.
pub fn ratio(value: f64, baseline: f64) -> Option<f64> {
    (baseline > 0.0).then(|| value / baseline)
}

/// The largest peak of a row's rounds, in MB.
pub fn peak_mb(row: &Row) -> Option<f64> {
    row.peak_kib.iter().max().map(|&kib| kib as f64 / KIB_PER_MB)
}

/// `goal met` / `MISSED` beside a figure, or nothing when the issue sets no goal.
fn verdict(value: Option<f64>, goal: Option<f64>, unit: &str) -> String {
    match (value, goal) {
        (_, None) => String::new(),
        (None, Some(goal)) => format!("<= {goal}{unit}: not measured"),
        (Some(value), Some(goal)) if value <= goal => format!("<= {goal}{unit}: met"),
        (Some(_), Some(goal)) => format!("<= {goal}{unit}: MISSED"),
    }
}

/// The table: one line per subject, its rounds, median, ratio to the `baseline` row's median, peak memory and
/// lines per operation, each followed by the goal and whether it is met.
pub fn render(rows: &[Row], baseline: usize) -> String {
    let base = rows.get(baseline).and_then(|row| median(&row.seconds));
    let header =
        ["subject", "median", "rounds", "ratio", "ratio goal", "peak MB", "memory goal", "lines/op", "lines goal"];
    let mut out = line(header.map(str::to_owned));
    for row in rows {
        let median = median(&row.seconds);
        let ratio = median.zip(base).and_then(|(value, base)| ratio(value, base));
        let peak = peak_mb(row);
        out.push_str(&line([
            row.label.clone(),
            median.map_or("-".to_owned(), |median| format!("{median:.1} s")),
            row.seconds.iter().map(|seconds| format!("{seconds:.1}")).collect::<Vec<_>>().join(", "),
            ratio.map_or("-".to_owned(), |ratio| format!("{ratio:.2}x")),
            verdict(ratio, row.goal.ratio, "x"),
            peak.map_or("-".to_owned(), |peak| format!("{peak:.0}")),
            verdict(peak, row.goal.peak_mb, " MB"),
            row.lines_per_operation.map_or("-".to_owned(), |lines| format!("{lines:.1}")),
            verdict(row.lines_per_operation, row.goal.lines_per_operation, ""),
        ]));
    }
    out
}

/// One line of the table, its columns aligned.
fn line(cells: [String; 9]) -> String {
    let [label, median, rounds, ratio, ratio_goal, peak, peak_goal, lines, lines_goal] = cells;
    format!(
        "{label:<34} {median:>9} {rounds:<22} {ratio:>8} {ratio_goal:<18} {peak:>9} {peak_goal:<20} {lines:>8} \
         {lines_goal}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_odd_count_is_the_middle_one() {
        assert_eq!(median(&[9.0, 1.0, 5.0]), Some(5.0));
    }

    #[test]
    fn the_median_of_an_even_count_is_the_mean_of_the_middle_two() {
        assert_eq!(median(&[4.0, 1.0, 3.0, 100.0]), Some(3.5));
        assert_eq!(median(&[]), None);
    }

    #[test]
    fn the_ratio_is_to_the_baseline_and_none_without_one() {
        assert_eq!(ratio(10.0, 4.0), Some(2.5));
        assert_eq!(ratio(10.0, 0.0), None);
    }

    fn row(label: &str, seconds: &[f64], peak_kib: &[u64], goal: Goal) -> Row {
        Row {
            label: label.into(),
            seconds: seconds.to_vec(),
            peak_kib: peak_kib.to_vec(),
            lines_per_operation: None,
            goal,
        }
    }

    #[test]
    fn the_table_gives_ratios_to_the_baseline_and_the_goals_beside_them() {
        let rows = [
            row("baseline", &[4.0, 6.0], &[100 * 1024, 300 * 1024], Goal::default()),
            Row {
                lines_per_operation: Some(114.5),
                ..row(
                    "whole",
                    &[9.0, 11.0],
                    &[2048 * 1024, 1024 * 1024],
                    Goal { ratio: Some(2.5), peak_mb: Some(1536.0), lines_per_operation: Some(40.0) },
                )
            },
            row("area", &[2.0, 2.0], &[], Goal { ratio: Some(0.5), ..Goal::default() }),
        ];
        let table = render(&rows, 0);
        let lines: Vec<&str> = table.lines().collect();
        assert!(lines[1].contains(" 5.0 s ") && lines[1].contains("1.00x") && lines[1].contains(" 300 "), "{table}");
        assert!(lines[2].contains("10.0 s") && lines[2].contains("9.0, 11.0"), "{table}");
        assert!(lines[2].contains("2.00x") && lines[2].contains("<= 2.5x: met"), "{table}");
        assert!(lines[2].contains("2048") && lines[2].contains("<= 1536 MB: MISSED"), "{table}");
        assert!(lines[2].contains("114.5") && lines[2].contains("<= 40: MISSED"), "{table}");
        assert!(lines[3].contains("0.40x") && lines[3].contains("<= 0.5x: met"), "{table}");
    }

    #[test]
    fn a_goal_without_a_figure_says_so() {
        assert_eq!(verdict(None, Some(1536.0), " MB"), "<= 1536 MB: not measured");
        assert_eq!(verdict(Some(3.0), None, "x"), "");
    }
}
