//! Checking a batch's `dependsOn` graph and packing its steps into requests of at most [`MAX_STEPS`].

use super::{BatchError, Step, MAX_STEPS};
use std::collections::HashMap;

/// The dependency graph by step index, checked.
#[derive(Debug, Clone)]
pub(crate) struct Plan {
    /// Each step's dependencies, as step indices.
    pub(crate) deps: Vec<Vec<usize>>,
    /// Each step's place in a topological order (dependencies first, otherwise the order added).
    pub(crate) rank: Vec<usize>,
}

/// Refuses unknown dependencies, cycles and groups larger than one request.
pub(crate) fn check(steps: &[Step], index: &HashMap<String, usize>) -> Result<Plan, BatchError> {
    let mut deps = Vec::with_capacity(steps.len());
    for step in steps {
        let mut mine = Vec::with_capacity(step.depends_on.len());
        for on in &step.depends_on {
            match index.get(on) {
                Some(&at) => mine.push(at),
                None => return Err(BatchError::UnknownDependency { step: step.id.clone(), on: on.clone() }),
            }
        }
        deps.push(mine);
    }
    let rank = topological(&deps).map_err(|at| BatchError::Cycle(steps[at].id.clone()))?;
    let all: Vec<usize> = (0..steps.len()).collect();
    for group in groups(&all, &deps) {
        if group.len() > MAX_STEPS {
            return Err(BatchError::GroupTooLarge { id: steps[group[0]].id.clone(), size: group.len() });
        }
    }
    Ok(Plan { deps, rank })
}

/// Kahn's algorithm, taking the earliest-added ready step each time; `Err` names a step on a cycle.
fn topological(deps: &[Vec<usize>]) -> Result<Vec<usize>, usize> {
    let count = deps.len();
    let mut waiting: Vec<usize> = deps.iter().map(Vec::len).collect();
    let mut dependents = vec![Vec::new(); count];
    for (step, mine) in deps.iter().enumerate() {
        for &on in mine {
            dependents[on].push(step);
        }
    }
    let mut ready: std::collections::BTreeSet<usize> = (0..count).filter(|&step| waiting[step] == 0).collect();
    let mut rank = vec![usize::MAX; count];
    let mut placed = 0;
    while let Some(step) = ready.pop_first() {
        rank[step] = placed;
        placed += 1;
        for &next in &dependents[step] {
            waiting[next] -= 1;
            if waiting[next] == 0 {
                ready.insert(next);
            }
        }
    }
    match rank.iter().position(|&place| place == usize::MAX) {
        Some(stuck) => Err(stuck),
        None => Ok(rank),
    }
}

/// The steps of `pending` grouped by `dependsOn` ties among them (edges to steps outside are ignored), each group
/// in the order added, groups in the order of their first step.
fn groups(pending: &[usize], deps: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let mut parent: HashMap<usize, usize> = pending.iter().map(|&step| (step, step)).collect();
    fn root(parent: &mut HashMap<usize, usize>, mut step: usize) -> usize {
        while parent[&step] != step {
            let up = parent[&parent[&step]];
            parent.insert(step, up);
            step = up;
        }
        step
    }
    for &step in pending {
        for &on in &deps[step] {
            if parent.contains_key(&on) {
                let (a, b) = (root(&mut parent, step), root(&mut parent, on));
                // The earlier step becomes the root, so a group is named by its first step.
                parent.insert(a.max(b), a.min(b));
            }
        }
    }
    let mut order: Vec<usize> = Vec::new();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for &step in pending {
        let top = root(&mut parent, step);
        let group = members.entry(top).or_default();
        if group.is_empty() {
            order.push(top);
        }
        group.push(step);
    }
    order.into_iter().filter_map(|top| members.remove(&top)).collect()
}

/// Packs the `pending` steps into requests: whole groups, first-fit in order, each request's steps in
/// topological order (a dependency before its dependents, as a reader of the request expects).
pub(crate) fn pack(pending: &[usize], plan: &Plan) -> Vec<Vec<usize>> {
    let mut requests: Vec<Vec<usize>> = Vec::new();
    for group in groups(pending, &plan.deps) {
        match requests.iter_mut().find(|request| request.len() + group.len() <= MAX_STEPS) {
            Some(request) => request.extend(group),
            None => requests.push(group),
        }
    }
    for request in &mut requests {
        request.sort_by_key(|&step| plan.rank[step]);
    }
    requests
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(deps: Vec<Vec<usize>>) -> Plan {
        let rank = topological(&deps).unwrap_or_default();
        Plan { deps, rank }
    }

    #[test]
    fn cycles_are_found_and_orders_put_dependencies_first() {
        assert_eq!(topological(&[vec![1], vec![2], vec![0]]), Err(0));
        assert_eq!(topological(&[vec![0]]), Err(0));
        assert_eq!(topological(&[vec![2], vec![], vec![1]]), Ok(vec![2, 0, 1]));
    }

    #[test]
    fn tied_steps_share_a_request_and_requests_hold_twenty() {
        // 30 free steps, then a group of 15 (step 30 and the 14 after it depend on it).
        let mut deps = vec![Vec::new(); 45];
        for dep in deps.iter_mut().skip(31) {
            dep.push(30);
        }
        let pending: Vec<usize> = (0..45).collect();
        let requests = pack(&pending, &plan(deps));
        let sizes: Vec<usize> = requests.iter().map(Vec::len).collect();
        // The first 20 free steps fill a request, the last 10 open a second, and the group of 15 fits beside
        // neither, so it goes whole into a third.
        assert_eq!(sizes, vec![20, 10, 15]);
        let with_group = requests.iter().find(|request| request.contains(&30)).into_iter().flatten();
        assert_eq!(with_group.filter(|&&step| step >= 30).count(), 15);
    }

    #[test]
    fn ties_to_steps_not_pending_are_ignored() {
        let deps = vec![vec![], vec![0], vec![1]];
        assert_eq!(groups(&[1, 2], &deps), vec![vec![1, 2]]);
        assert_eq!(groups(&[0, 2], &deps), vec![vec![0], vec![2]]);
    }
}
