/// The example protocols of Docs/protocols/, word for word (a test keeps them
/// equal): the demo centre loads them, and they show the format.
public enum ExampleProtocols {
    public struct File: Sendable, Hashable {
        /// The file name in Docs/protocols/.
        public var name: String
        public var yaml: String
    }

    public static let sactCycles = File(name: "sact-21x6.yaml", yaml: #"""
        # Systemic anti-cancer therapy, 21-day cycle × 6 (DOMAIN.md, "Treatment sequences").
        # Blood test 1–3 days before treatment; review at least 2 hours after the blood
        # test and 1–3 days before treatment; pharmacy screens the prescription at least
        # one working day before; treatment on day 1 of each cycle; the next cycle is due
        # 21 days after the previous treatment, 2 days early to 3 days late.
        code: sact_21x6
        name: SACT 21-day cycle × 6
        cycles: 6
        cycle_length: 21d
        window: {early: 2d, late: 3d}
        anchor: chemo
        same_clinician: [review]
        steps:
          - {id: bloods, label: Blood test, kind: appointment, service: phlebotomy}
          - {id: review, label: Oncology review, kind: appointment, service: onc_fu}
          - {id: screen, label: Pharmacy screening of the prescription, kind: task, team: pharmacy}
          - {id: chemo, label: Chemotherapy, kind: appointment, service: sact_chair}
        rules:
          - {step: review, after: bloods, min: 2h, max: 2d}
          - {step: chemo, after: bloods, min: 1d, max: 3d}
          - {step: chemo, after: review, min: 1d, max: 3d}
          - {step: chemo, after: screen, min: 1wd}
        """# + "\n")

    public static let radicalRadiotherapy = File(name: "radical-radiotherapy.yaml", yaml: #"""
        # Radical radiotherapy (DOMAIN.md): mould-room mask fitting; planning CT at least
        # one working day later; the first fraction at least 7 and at most 14 working days
        # after the CT; then one fraction each working day, 30 in all; a weekly
        # on-treatment review with the same consultant.
        code: radical_rt_30
        name: Radical radiotherapy, 30 fractions
        same_clinician: [review]
        steps:
          - {id: mould, label: Mould room (mask fitting), kind: appointment, service: mould_room}
          - {id: ct, label: Planning CT, kind: appointment, service: rt_planning_ct}
          - {id: plan, label: Treatment plan checked and approved, kind: task, team: clinical}
          - id: fraction
            label: Radiotherapy fraction
            kind: appointment
            service: rt_treatment
            repeat: {count: 30, every: 1wd}
          - id: review
            label: On-treatment review
            kind: appointment
            service: rt_review
            repeat: {count: 6, every: 5wd}
        rules:
          - {step: ct, after: mould, min: 1wd}
          - {step: plan, after: ct, min: 1wd}
          - {step: fraction, after: plan, min: 1wd}
          - {step: fraction, after: ct, min: 7wd, max: 14wd}
          - {step: review, after: fraction, min: 3wd, max: 5wd}
        """# + "\n")

    public static let newPatient = File(name: "new-patient.yaml", yaml: #"""
        # New patient (DOMAIN.md): the consultant clinic, then the specialist nurse (key
        # worker) the same day straight after; blood tests; discussion at the
        # multidisciplinary team meeting (MDT); the results clinic after it.
        code: new_patient
        name: New patient with key-worker visit
        steps:
          - {id: consultant, label: Consultant new patient clinic, kind: appointment, service: onc_new}
          - {id: keyworker, label: Specialist nurse (key worker), kind: appointment, service: cns}
          - {id: bloods, label: Blood tests, kind: appointment, service: phlebotomy}
          - {id: mdt, label: Discussion at the MDT meeting, kind: task, team: clinical}
          - {id: results, label: Results clinic, kind: appointment, service: onc_fu}
        rules:
          - {step: keyworker, after: consultant, max: 30m}
          - {step: bloods, after: consultant, max: 1d}
          - {step: mdt, after: bloods, min: 2wd, max: 7wd}
          - {step: results, after: mdt, min: 1wd, max: 5wd}
        """# + "\n")

    public static let all = [sactCycles, radicalRadiotherapy, newPatient]
}
