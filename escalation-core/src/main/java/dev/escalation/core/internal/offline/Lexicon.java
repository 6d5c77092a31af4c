package dev.escalation.core.internal.offline;

/**
 * The cues the offline model reads that no flow changes: the safety rule of a vulnerable person left
 * without heat or power, and the signs of a concrete problem. The departments' cues and names and the
 * priority rubric's cues come from the flow ({@link Vocabulary}). The pattern language is described in
 * {@link CueTable}. Weights are votes; the thresholds that turn votes into a decision live next to
 * the judges ({@link DepartmentJudge}, {@link PriorityJudge}, {@link DetailJudge}).
 *
 * <p>Rules of thumb for adding cues: a word that names the problem itself ("invoice", "crash",
 * "quote") weighs 2 to 2.5; a word that only says where the customer saw it ("page", "account")
 * weighs 1 or less, or nothing, because on its own it does not tell the department; a single strong
 * cue must reach {@link DepartmentJudge#THRESHOLD}.
 */
final class Lexicon {

    private Lexicon() {}

    /** The two halves of a safety risk that no single word says: who is exposed, and to what. */
    enum Exposure {
        /** Heat, power, water or a care device gone, or cold that endangers. */
        ESSENTIAL_LOST,
        /** A person the loss endangers: a baby, an elderly or ill person, someone living alone. */
        VULNERABLE_PERSON
    }

    /**
     * "The heating won't come on ... I have a newborn": together a safety risk (critical), each alone
     * not ("no hot water" is a repair; "a quote for my elderly mother" is a sale).
     */
    static final CueTable<Exposure> EXPOSURE = CueTable.<Exposure>builder(1)
            .always(
                    Exposure.ESSENTIAL_LOST,
                    1,
                    "no heat*/heating/power/electricity/water",
                    "without heat*/heating/power" + "/electricity/water",
                    "heat*/boiler/radiator* ... not/never come/work*/turn*/start*/on",
                    "heat* ... off",
                    "power ... off/out/cut",
                    "freezing",
                    "minus #num",
                    "below zero",
                    "sub zero",
                    "#num degrees and falling",
                    "alarm ... offline/disconnect*/lost",
                    "alarm ... no line",
                    "alarm* ... not/never work*/respond*/connect*")
            .always(
                    Exposure.VULNERABLE_PERSON,
                    1,
                    "newborn",
                    "baby",
                    "infant",
                    "toddler",
                    "elderly",
                    "disabled",
                    "heart condition",
                    "lives alone",
                    "living alone",
                    "pregnant",
                    "dialysis",
                    "wheelchair",
                    "frail",
                    "my mother/father/mum/mom/dad/grandmother/grandfather/gran/nan ... alone/condition/ill/illness/unwell")
            .build();

    /** Marks of a concrete problem or request, for telling details from a bare reason. */
    enum Signal {
        PROBLEM,
        REQUEST
    }

    /** What makes a message concrete: something goes wrong, or something specific is asked for. */
    static final CueTable<Signal> SIGNALS = CueTable.<Signal>builder(1)
            .add(
                    Signal.PROBLEM,
                    1,
                    "crash*",
                    "freez*",
                    "error*",
                    "broken",
                    "not work*",
                    "does/did/is not work*",
                    "will/would/does/did not load/open/let/stick",
                    "not show*",
                    "keep*",
                    "slow*",
                    "can not",
                    "unable",
                    "charg*",
                    "twice",
                    "two times",
                    "went up",
                    "spelled wrong",
                    "spelt wrong",
                    "wrong",
                    "missing",
                    "disappear*",
                    "hack*",
                    "fraud*",
                    "down",
                    "fail*",
                    "declin*",
                    "reject*",
                    "stuck",
                    "bug",
                    "glitch*",
                    "does not",
                    "did not",
                    "outage",
                    "expired",
                    "locked",
                    "never made",
                    "not mine",
                    "unauthori*",
                    "did not make",
                    "drop*",
                    "not receiv*",
                    "never receiv*",
                    "instead of",
                    "never order*",
                    "not arriv*",
                    "never arriv*",
                    "never came",
                    "disconnect*",
                    "cut* out",
                    "incorrect",
                    "extra",
                    "unexpected",
                    "double",
                    "overcharg*",
                    "higher than",
                    "more than usual",
                    "too much",
                    "stopped",
                    "nothing help*",
                    "blank",
                    "no results",
                    "doesn't",
                    "isn't",
                    "won't",
                    "lost",
                    "stolen",
                    "stole",
                    "steal*",
                    "without",
                    "unreachable",
                    "unreadable",
                    "unusable",
                    "unavailable",
                    "closed",
                    "labelled/labeled as",
                    "mislabel*",
                    "out",
                    "not getting",
                    "never arrives",
                    "expir*",
                    "shows",
                    "showing")
            .add(
                    Signal.REQUEST,
                    1,
                    "quote*",
                    "buy*",
                    "purchas*",
                    "upgrad*",
                    "add*",
                    "copies",
                    "copy",
                    "refund*",
                    "remove",
                    "cancel*",
                    "how much",
                    "price*",
                    "pricing",
                    "cost*",
                    "discount*",
                    "switch*",
                    "sign up",
                    "need",
                    "want",
                    "like to",
                    "like a",
                    "looking for",
                    "interest*",
                    "change",
                    "fix*",
                    "send",
                    "set up",
                    "open a",
                    "rates",
                    "offer",
                    "would ... cost/change",
                    "block",
                    "get ... back",
                    "give back")
            .build();
}
