package dev.escalation.core.internal.offline;

import static dev.escalation.core.Priority.CRITICAL;
import static dev.escalation.core.Priority.HIGH;
import static dev.escalation.core.Priority.LOW;

import dev.escalation.core.Priority;

/**
 * The cues the offline model reads that no flow changes: the priority rubric and the signs of a
 * concrete problem. The departments' cues and names come from the flow ({@link Vocabulary}). The pattern language is described in
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

  /**
   * The priority rubric. Only CRITICAL, HIGH and LOW get votes; MEDIUM is what is left when no side
   * wins. Cues count only when not negated unless noted, so "I'm not angry" is no anger.
   */
  static final CueTable<Priority> PRIORITIES = CueTable.<Priority>builder(1)
      // --- Critical: a security breach or fraud, business or safety blocked right now, an outage
      // stopping operations, a legal threat.
      // Security and fraud: someone else is in the account or spends the customer's money. "I didn't
      // make any changes" is no fraud, so the denial needs an object such as a charge or an order.
      .add(CRITICAL, 3, "hack*", "fraud*", "identity theft", "data/security breach", "breach of my/our data",
          "phishing", "stolen card/identity/details/credentials/password/account", "data leak*",
          "leaked my/our data/details", "was not me", "were not me", "unauthori*",
          "charge*/payment*/purchase*/transaction*/order*/withdrawal*/transfer*/debit*/login* ...9 not/never"
              + " make/made/authori*/authoriz*/place*",
          "not/never make/made/authori*/authoriz*/place*/placed ... charge*/payment*/purchase*/transaction*/order*"
              + "/withdrawal*/transfer*/debit*/login*",
          "charge*/payment*/purchase*/transaction*/debit*/withdrawal* ...9 never/not order*/bought/buy/purchas*",
          "someone/somebody/stranger/hacker* ... into my/our account",
          "someone/somebody/stranger/hacker* ... changed my/the password/email/number/details",
          "someone/somebody/stranger ... access* my/our account",
          "someone/somebody ... use/used/using my/our card/account/details",
          "charge*/payment*/purchase*/transaction*/withdrawal*/transfer*/debit* ...20 not/never make/made/do/did/authori*"
              + " them/these/those",
          "card/wallet/purse ... stolen/stole/steal*", "stolen/stole/steal* ... card/wallet/purse",
          "without my/our permission/consent/authori*/knowledge", "sim swap")
      .add(CRITICAL, 2.5, "never/not authori*/authoriz*")
      // "... payments from a casino. I did not make them.": the denial points back to the charges.
      .add(CRITICAL, 2.5, "not/never make/made/authori*/authoriz* them/those")
      // "a laptop I never ordered": close to fraud, but also how mis-billing is described.
      .add(CRITICAL, 2, "never/not order*/bought/purchas*")
      // Business or safety blocked right now, an outage stopping operations, a legal threat.
      .add(CRITICAL, 3, "an/real emergency", "can not operate", "can not trade", "can not do business", "standstill",
          "whole operation", "operation* ... stop*/halt*",
          "lose/losing/lost money/thousands/revenue/orders/sales/customers/income/clients",
          "lose/losing/lost the/our/a contract/business/clients/customers/sales",
          "zero/no orders/sales/bookings/customers/revenue", "can not take ... booking*/order*/payment*/call*/customer*"
              + "/sales", "turn* ... customers/clients/people away", "legal action", "lawyer*", "attorney*",
          "solicitor*", "sue you", "suing", "lawsuit", "to court", "ombudsman", "regulator",
          "safety issue/risk/hazard", "in danger", "dangerous", "injur*")
      .add(CRITICAL, 2.5, "compromis*", "scam*", "outage", "completely down", "down for everyone",
          "site/app/system/website/server/service/network/internet/portal/everything/crm/platform is/are/went down",
          "system down", "nobody/everyone can not log/sign/access/use/buy/work/order/pay/get",
          "no one can log/sign/access/use/buy/work/order/pay/get", "not working for anyone/everyone",
          "we/team/staff/everyone can not work/access/operate/use/log", "our team/staff/office/company ... can not",
          "been/are/were shut down", "standing around", "sitting idle", "idle", "unsafe",
          "nothing/no ... going out", "can not ship/deliver/dispatch/print/process",
          "none of our/us/the ... can",
          "nobody/noone/none ... can/could get/work/access/connect/log/use/call/print/go/load",
          "no one ... can/could get/work/access/connect/log/use/call/print/go/load",
          "whole/entire floor/building/site/store/branch/department/street", "customers/patients/clients/callers can not reach/call/book/pay/order",
          "can not reach us", "cash only", "oxygen", "medical equipment", "life support", "vulnerable")
      // Somebody else acted: "nobody here did that", "I didn't do any of it" after a security event.
      .add(CRITICAL, 3, "someone/somebody/stranger/hacker* ... reset/changed my/the password/email/number/details/pin",
          "nobody ... did/do that/this/it", "no one ... did/do that/this/it", "not/never do/did any of it",
          "not/never do/did that/this",
          "someone/somebody ... order*/bought/purchas*/spent/withdr*/transfer* ... on/with/from my/our account/card",
          "someone/somebody ... using my/our identity/name", "cloned card", "card ... cloned", "skimm*")
      // Someone posing as the customer or the company, and a business that had to stop.
      .add(CRITICAL, 3, "impersonat*", "pretending to be", "posing as", "fake ... account/order*/charge*/login",
          "had to close/shut", "production ... stopped/down/halted/stand*", "customers/clients/guests/patients ... leaving/walking")
      // A sign-in from somewhere the customer has never been, and payroll that cannot run.
      .add(CRITICAL, 3, "login*/logged/sign*/access* ... from ... another/foreign/unknown/strange/unfamiliar/unrecogni*"
          + " country/location/device/ip/city")
      .add(CRITICAL, 1.5, "payroll")
      // Danger to people or property now: a safety risk whatever the product.
      .add(CRITICAL, 3, "gas leak", "smell* gas", "=smoke", "on fire", "caught fire", "sparks", "sparking", "burning smell",
          "smell* burning", "carbon monoxide", "electric shock", "burst pipe", "burst pipes", "glowing hot",
          "water ... pouring/coming/leaking ... through/into", "=flooding", "=flooded")
      // Words of danger that name a product or a figure of speech: used up so they vote for nothing.
      .add(CRITICAL, 0, "smoke alarm*/detector*", "flooded/flooding with", "fire alarm*", "fire insurance")
      // Business stopped: the customer can take no card payments or serve nobody.
      .add(CRITICAL, 3, "only take/accept cash", "guests/visitors/shoppers can not reach/call/book/pay/order", "legal steps/proceedings", "small claims", "trading standards", "report* you to")
      // How many are hit: on its own no emergency ("every customer gets a discount"), with an outage one.
      .add(CRITICAL, 1.5, "none of our", "none of us", "all of us", "all #num of us", "every agent/employee/user"
          + "/customer/visitor/staff", "entire/whole team/company/office/business/staff/building",
          "all #num staff/agents/employees/users/people/workers", "whole/entire ... team/staff/office/warehouse/shop",
          "#num staff/agents/employees/people/workers/orders/customers", "all of our/the agents/staff/employees/users"
          + "/customers", "stole*", "safety", "breach*")
      .add(CRITICAL, 1.5, "suspicious", "lock ... account down", "freeze my account", "froze/frozen/freeze ... card",
          "login from", "sign in from", "emergency", "shut down")
      // Only with a real critical cue: "need it today" alone is not critical.
      .add(CRITICAL, 0.75, "right now", "today", "immediately")
      // --- High: frustrated or angry, tried repeatedly or waited long, asks for a manager, blocked.
      .add(HIGH, 2, "frustrat*", "angry", "anger", "furious", "livid", "annoy*", "fed up", "sick of",
          "sick and tired", "ridiculous", "unacceptable", "outrag*", "disgust*", "appall*", "infuriat*",
          "losing patience", "lose patience", "out of patience", "done waiting", "had enough", "enough is enough",
          "waste of time", "fuming", "terrible service", "awful service")
      .add(HIGH, 1.5, "stress*", "deleted/lost/wiped/erased all my/our", "deadline*", "exam",
          "terrible", "awful", "horrible", "upset", "disappoint*", "unhappy", "patience", "joke",
          "ignored", "ignoring me", "no response", "no reply", "never heard back", "still waiting", "bother you again",
          "chasing", "keep chasing", "nobody ... contact*/call*/bother*/repl*/respond*/got/get/answer*",
          "no one ... contact*/call*/bother*/repl*/respond*/got/get", "repeatedly", "over and over")
      .negated(HIGH, 1.5, "happy", "helpful")
      // Tried repeatedly: a contact verb near a repetition.
      .add(HIGH, 2, "third/fourth/fifth/3rd/4th/5th time",
          "call*/ask*/contact*/email*/phon*/request*/report*/message*/wrote/tri*/try/follow*/sent/send* ... #num"
              + " times",
          "passed/transferred/bounced/pushed between/around/from", "#num different people/agents/departments",
          "call*/ask*/contact*/email*/phon*/request*/report*/message*/wrote/written/chat*/complain*/tri*/try/follow*"
              + "/sent/send* ... twice/again/repeatedly",
          "call*/ask*/contact*/email*/phon*/request*/report*/message*/wrote/tri*/follow* ... several/multiple/many"
              + " times")
      // Waited long: days, weeks, months (not years: "customer for six years" is loyalty, not waiting).
      .add(HIGH, 1, "#num/a/one/couple =day/=days/=week/=weeks/=month/=months",
          "=days/=weeks/=months ago", "ages", "still", "since last week/month",
          "since monday/tuesday/wednesday/thursday/friday/saturday/sunday")
      // The wait itself, however it is said: "for weeks", "since last Tuesday", "it has been 7 weeks",
      // "since two weeks" (non-native), "for ages", "over a week". A bare start ("since Thursday", "since
      // last week") says when the problem began more than how long the customer has waited: weaker above.
      .add(HIGH, 2, "for =days/=weeks/=months", "for ages", "for #num/a/few/several/many =days/=weeks/=months",
          "since last monday/tuesday/wednesday/thursday/friday/saturday/sunday",
          "since #num/a/few =days/=weeks/=months", "been #num/a/few/several/many/over =days/=weeks/=months",
          "more than a/one/#num =week/=weeks/=month/=months",
          "over a/one/#num =week/=weeks/=month/=months", "=days/=weeks/=months now",
          "wait*/waited ... #num/a/few/several/many =days/=weeks/=months", "wait* ... #num hours on hold",
          "on hold ... #num hours/hour", "nothing yet", "still nothing", "still no ... answer/reply/response/refund/money"
              + "/call/fix/solution", "heard nothing", "no answer", "not answered",
          "nobody ... answer*/respond*/repl*/reply", "no one ... answer*/respond*/repl*/reply",
          "nobody/noone ... get*/got/came/call* back")
      // Waited in vain or for long: an appointment nobody kept, "been waiting", "forever", "a long time".
      .add(HIGH, 2, "nobody/noone came/showed/turned", "no one came/showed/turned", "no show",
          "technician*/engineer*/installer*/fitter*/courier* ... not/never show*/turn*/came/come", "been waiting", "wait* ... forever/ages", "forever ... wait*",
          "wait* ... long time", "for a/such long time", "once again",
          "already call*/phon*/email*/wrote/written/report*/complain*/contact*/ask*/chas*",
          "call*/phon*/email*/wrote/written/report*/complain*/contact*/ask* ... already",
          "every time ... call*/phon*/contact*/write/email*/ask*",
          "second/third/fourth/fifth/3rd/4th/5th email/message/call/letter/complaint/request/attempt",
          "keep*/kept ... declin*/refus*/reject*", "unusable")
      // A long-standing customer is loyalty, not a wait: used up so it votes for nothing.
      .add(HIGH, 0, "customer/client/member ... long time", "long time customer/client/member")
      // Left alone with it: "nobody helps me", "a password reset link that expired" (so no way back in).
      .add(HIGH, 2, "nobody ... help*", "reset/recovery/verification/login link/email/code ... expired/never/not")
      // Tried repeatedly: the same step again and again ("restarted it many times", "second wrong letter").
      .add(HIGH, 2, "restart*/reboot*/reset*/reinstall*/clear*/tri*/retri* ... #num/many/several/multiple/countless"
          + "/numerous times", "second/2nd time", "second/2nd ...2 month/letter/email/reminder/call/bill/invoice",
          "every single time", "again and again", "time and again")
      // Blocked from using: the service itself, not one feature of it.
      .add(HIGH, 2, "can not load/unlock/enter/start/board/stream/watch/connect/download/install/do",
          "login/logon/signin ... broken/impossible/fail*", "log/sign in ... broken/impossible/fail*",
          "get back into/in my/our", "no way to log/sign/access/get/use/pay")
      // Anger in other words, and a formal complaint.
      .add(HIGH, 2, "driving me mad/crazy/insane/nuts", "pathetic", "disgrace*", "incompetent", "shocking service",
          "formal complaint", "worst service", "rubbish", "useless")

      // Tried everything already.
      .add(HIGH, 1.5, "nothing help*", "tried everything", "nothing work*", "nothing fixes/fixed")
      .add(HIGH, 0.75, "again", "promised", "told ... would", "nothing ... changed", "every day", "finally")
      // Blocked from using or paying.
      .add(HIGH, 2, "can not log/sign in/on/into", "can not get in/into/back", "can not access", "can not use",
          "can not pay", "can not submit", "can not open", "can not work", "can not see my", "can not make payment*",
          "unable to log/sign/access/use/pay/submit/get/open", "not able to log/sign/access/use/pay/submit/get",
          "not been able to", "locked out", "will/would not let me", "no access", "lost access",
          "need to be able to", "can not check/move/transfer/send/withdraw/order/book/call/make/complete",
          "can not pay/make/complete ... payment*/bill/rent", "can not pay it/this/that")
      // Asks for a manager, or threatens to leave.
      .add(HIGH, 2, "manager", "supervisor", "someone senior", "senior", "someone in charge", "your boss",
          "higher up")
      // Payment due now: "the payment is due tomorrow", "rent is due today", "my cover lapses".
      .add(HIGH, 1.5, "due today/tomorrow/tonight", "is due", "lapse*", "lose my/our cover/insurance/policy",
          "card/payment declin*", "declin* ... card/payment")
      .add(HIGH, 1.5, "take ... business elsewhere", "go elsewhere", "go to a competitor", "switch provider*",
          "leave you")
      // Urgency in the customer's own words ("URGENT" typed in capitals adds to critical below).
      .add(HIGH, 2, "urgent*", "asap", "as soon as possible", "right away", "time sensitive", "important")
      // --- Low: no rush, minor, cosmetic, just curious, whenever convenient.
      .negated(LOW, 2, "urgent*", "urgency", "rush", "hurry", "big deal", "time sensitive", "important", "pressure",
          "priority")
      .negated(LOW, 1.5, "affect*", "blocking", "stopping me")
      .negated(LOW, 1, "wrong")
      .add(LOW, 2, "cosmetic", "low priority", "nice to have", "in your own time", "at your convenience",
          "no rush", "not urgent", "no hurry", "not the end of the world")
      // Softened feelings and workarounds: "a little annoying", "I can still see everything".
      .add(LOW, 1, "a little/bit/slightly/mildly/somewhat annoy*/frustrat*/irritat*", "can wait", "happy to wait",
          "problem to wait", "mind waiting", "fine to wait", "ok to wait", "no problem", "just/only ask*")
      .add(LOW, 0.5, "can still", "still able", "still work*")
      .add(LOW, 1.5, "whenever you/someone/somebody/they/is/convenient/possible", "just curious", "minor",
          "small thing", "little thing", "tiny thing", "trivial", "typo", "might want to know",
          "thought you should know", "just letting you know", "fyi", "thinking ahead",
          "planning ahead", "when you can", "when they can", "when someone can", "when you get a chance",
          "when you have time", "when someone has time",
          "whenever", "is/are free", "someone's free", "get a moment", "have a moment", "no big deal", "not a big deal")
      .add(LOW, 1.5, "at some point", "out of curiosity", "for future reference", "whenever suits",
          "when it suits", "in no hurry", "no urgency", "not a priority", "low on the list", "just so you know",
          "heads up", "only cosmetic", "purely cosmetic", "just looking", "only looking", "just planning",
          "just browsing")
      .negated(LOW, 2, "pressing", "in a hurry", "in a rush")
      .add(LOW, 1.5, "no worries", "just a suggestion", "suggestion", "nice to know", "small detail",
          "small request", "small issue")
      .add(LOW, 1, "curious", "wondering", "quick question", "quick one", "tiny", "spell*", "misspel*",
          "would be nice", "convenient", "no pressure", "lol")
      .build();

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
      .always(Exposure.ESSENTIAL_LOST, 1, "no heat*/heating/power/electricity/water", "without heat*/heating/power"
          + "/electricity/water", "heat*/boiler/radiator* ... not/never come/work*/turn*/start*/on", "heat* ... off",
          "power ... off/out/cut", "freezing", "minus #num", "below zero", "sub zero", "#num degrees and falling",
          "alarm ... offline/disconnect*/lost", "alarm ... no line")
      .always(Exposure.VULNERABLE_PERSON, 1, "newborn", "baby", "infant", "toddler", "elderly", "disabled",
          "heart condition", "lives alone", "living alone", "pregnant", "dialysis", "wheelchair", "frail",
          "my mother/father/mum/mom/dad/grandmother/grandfather/gran/nan ... alone/condition/ill/illness/unwell")
      .build();

  /** Marks of a concrete problem or request, for telling details from a bare reason. */
  enum Signal {
    PROBLEM,
    REQUEST
  }

  /** What makes a message concrete: something goes wrong, or something specific is asked for. */
  static final CueTable<Signal> SIGNALS = CueTable.<Signal>builder(1)
      .add(Signal.PROBLEM, 1, "crash*", "freez*", "error*", "broken", "not work*", "does/did/is not work*",
          "will/would/does/did not load/open/let/stick", "not show*", "keep*", "slow*", "can not", "unable",
          "charg*", "twice", "two times", "went up", "spelled wrong", "spelt wrong", "wrong", "missing",
          "disappear*", "hack*", "fraud*", "down", "fail*", "declin*", "reject*", "stuck", "bug", "glitch*",
          "does not", "did not", "outage", "expired", "locked", "never made", "not mine", "unauthori*",
          "did not make", "drop*", "not receiv*", "never receiv*", "instead of", "never order*", "not arriv*",
          "never arriv*", "never came", "disconnect*", "cut* out", "incorrect", "extra", "unexpected", "double",
          "overcharg*", "higher than", "more than usual", "too much", "stopped", "nothing help*", "blank",
          "no results", "doesn't", "isn't", "won't", "lost", "stolen", "stole", "steal*", "without", "unreachable",
          "unreadable", "unusable", "unavailable", "closed", "labelled/labeled as", "mislabel*", "out", "not getting",
          "never arrives", "expir*", "shows", "showing")
      .add(Signal.REQUEST, 1, "quote*", "buy*", "purchas*", "upgrad*", "add*", "copies", "copy", "refund*",
          "remove", "cancel*", "how much", "price*", "pricing", "cost*", "discount*", "switch*", "sign up", "need",
          "want", "like to", "like a", "looking for", "interest*", "change", "fix*", "send", "set up", "open a",
          "rates", "offer", "would ... cost/change", "block", "get ... back", "give back")
      .build();
}
