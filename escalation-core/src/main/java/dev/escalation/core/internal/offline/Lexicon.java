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
          "chasing", "keep chasing", "nobody ... help*", "nobody ... contact*/call*/bother*/repl*/respond*/got/get",
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
      .add(HIGH, 1, "#num/a/one/couple =day/=days/=week/=weeks/=month/=months", "for =days/=weeks/=months",
          "=days/=weeks/=months ago", "ages", "still", "since last week/month",
          "since monday/tuesday/wednesday/thursday/friday/saturday/sunday")
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
      .add(LOW, 1, "curious", "wondering", "quick question", "quick one", "tiny", "spell*", "misspel*",
          "would be nice", "convenient", "no pressure", "lol")
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
