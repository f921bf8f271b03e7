import Foundation

// The checklist's order, fast: where `ChecklistRules.items` filters, marks and
// sorts what the rules built. Kept apart from ChecklistRules.swift so that the
// rules and the order can be changed separately.
extension ChecklistRules {
    /// Keeps the items the filter admits, with their marks, in the checklist's
    /// order (`sortedIndices`). Sorted through packed integer keys, the codes and
    /// names ranked once for each run of items with the same clinic and patient
    /// (the items of one appointment come together), then moved into place
    /// without copying: a checklist has over ten thousand items, and hashing
    /// their strings or copying the items about cost more than building them.
    static func arrange(_ items: inout [ChecklistItem], marks: [String: ChecklistMark], filter: ChecklistFilter) {
        let filtered = filter.siteCode != nil || filter.serviceCode != nil || filter.clinicianCode != nil
        var kept: [Int] = [], dropped: [Int] = []
        kept.reserveCapacity(items.count)
        for i in items.indices {
            guard !filtered || filter.admits(items[i]) else { dropped.append(i); continue }
            if !marks.isEmpty, let mark = marks[items[i].id] { items[i] = applyMark(items[i], mark) }
            kept.append(i)
        }
        let order = items.withUnsafeBufferPointer { sortedIndices($0, kept) }
        permute(&items, into: order + dropped)
        items.removeLast(dropped.count)
    }

    /// The indices `kept` of `items` in the checklist's order: outstanding first,
    /// an urgent one first of all (`outstandingFirst`; without it, clinic order
    /// alone), then section, clinic (date, site, service, clinician, session
    /// start, session), an outstanding case-note item of missing notes first
    /// within its clinic, patient (name, id), kind, appointment, enquiry — the
    /// order of `sorted`, with the same ties (none: the keys name each item).
    static func sortedIndices(_ items: UnsafeBufferPointer<ChecklistItem>, _ kept: [Int], outstandingFirst: Bool = true) -> [Int] {
        // Runs: consecutive kept items of the same clinic (date, site, service, clinician, start, session) and patient name.
        var runOf = [Int](repeating: 0, count: kept.count)
        var runs: [Int] = []   // the first item of each run
        for (k, i) in kept.enumerated() {
            if let last = runs.last, sameRun(items[last], items[i]) { runOf[k] = runs.count - 1; continue }
            runOf[k] = runs.count
            runs.append(i)
        }
        // Dense ranks of each run's string. Codes: the few distinct ones found (a run repeating the one
        // before is not looked up) and sorted. Names, nearly all distinct: the runs sorted on them.
        func denseRanks(_ values: [String]) -> [Int] {
            let sorted = values.indices.sorted { values[$0] < values[$1] }
            var rank = [Int](repeating: 0, count: values.count)
            for (n, v) in sorted.enumerated() where n > 0 {
                rank[v] = rank[sorted[n - 1]] + (values[sorted[n - 1]] < values[v] ? 1 : 0)
            }
            return rank
        }
        func codeRanks(_ value: (ChecklistItem) -> String) -> [Int] {
            var found: [String: Int] = [:], values: [String] = []
            var of = [Int](repeating: 0, count: runs.count)
            var previous: (value: String, index: Int)?
            for (r, i) in runs.enumerated() {
                let v = value(items[i])
                if let previous, previous.value == v { of[r] = previous.index; continue }
                let index: Int
                if let seen = found[v] { index = seen } else { index = values.count; found[v] = index; values.append(v) }
                of[r] = index
                previous = (v, index)
            }
            let rank = denseRanks(values)
            return of.map { rank[$0] }
        }
        let sites = codeRanks { $0.siteCode ?? "" }, services = codeRanks { $0.serviceCode ?? "" }
        let clinicians = codeRanks { $0.clinicianCode ?? "" }, names = denseRanks(runs.map { items[$0].patientName ?? "" })
        // The clinic's rank: date, site, service, clinician, start, session.
        let clinicKeys = runs.indices.map { r -> (Int, Int, Int, Int, Int, Int64) in
            let i = runs[r]
            return (items[i].date.dayNumber, sites[r], services[r], clinicians[r],
                    items[i].sessionStart?.minutes ?? items[i].start?.minutes ?? 0, items[i].sessionID ?? 0)
        }
        let byClinic = clinicKeys.indices.sorted { clinicKeys[$0] < clinicKeys[$1] }
        var clinicRank = [Int](repeating: 0, count: runs.count)
        for (n, r) in byClinic.enumerated() where n > 0 {
            clinicRank[r] = clinicRank[byClinic[n - 1]] + (clinicKeys[byClinic[n - 1]] < clinicKeys[r] ? 1 : 0)
        }
        var keys: [SortKey] = []
        keys.reserveCapacity(kept.count)
        for (k, i) in kept.enumerated() {
            let r = runOf[k]
            let outstanding = items[i].state == .outstanding
            let state: UInt64 = !outstandingFirst ? 0 : outstanding ? (items[i].urgent ? 0 : 1) : 2
            let section = UInt64(ChecklistItem.Section.allCases.firstIndex(of: items[i].section)!)
            let missing: UInt64 = items[i].notesMissing && outstanding ? 0 : 1
            keys.append(SortKey(head: state << 62 | section << 56 | UInt64(clinicRank[r]) << 1 | missing, name: names[r],
                                patient: items[i].patientID ?? 0, kind: ChecklistItem.Kind.allCases.firstIndex(of: items[i].kind)!,
                                appointment: items[i].appointmentID ?? 0, enquiry: items[i].enquiryID ?? 0, index: i))
        }
        keys.sort(by: SortKey.precedes)
        return keys.map(\.index)
    }

    /// The same clinic and patient name: the same ranks and clinic.
    static func sameRun(_ a: ChecklistItem, _ b: ChecklistItem) -> Bool {
        a.date == b.date && a.siteCode == b.siteCode && a.serviceCode == b.serviceCode && a.clinicianCode == b.clinicianCode
            && (a.sessionStart?.minutes ?? a.start?.minutes ?? 0) == (b.sessionStart?.minutes ?? b.start?.minutes ?? 0)
            && a.sessionID == b.sessionID && a.patientName == b.patientName
    }

    /// An item's place: state and section, clinic, missing notes, patient name
    /// (packed into `head` and ranks), patient, kind, appointment, enquiry.
    struct SortKey {
        var head: UInt64
        var name: Int
        var patient: Int64
        var kind: Int
        var appointment: Int64
        var enquiry: Int64
        var index: Int

        static func precedes(_ a: SortKey, _ b: SortKey) -> Bool {
            if a.head != b.head { return a.head < b.head }
            if a.name != b.name { return a.name < b.name }
            if a.patient != b.patient { return a.patient < b.patient }
            if a.kind != b.kind { return a.kind < b.kind }
            if a.appointment != b.appointment { return a.appointment < b.appointment }
            if a.enquiry != b.enquiry { return a.enquiry < b.enquiry }
            return a.index < b.index
        }
    }

    /// Puts `items[order[k]]` at `k` for every k (`order` a permutation of the
    /// indices), moving the items round each cycle rather than copying them.
    static func permute(_ items: inout [ChecklistItem], into order: [Int]) {
        precondition(order.count == items.count)
        var placed = [Bool](repeating: false, count: order.count)
        items.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for start in order.indices where !placed[start] {
                placed[start] = true
                guard order[start] != start else { continue }
                let held = (base + start).move()
                var j = start
                while order[j] != start {
                    (base + j).moveInitialize(from: base + order[j], count: 1)
                    j = order[j]
                    placed[j] = true
                }
                (base + j).initialize(to: held)
            }
        }
    }
}
