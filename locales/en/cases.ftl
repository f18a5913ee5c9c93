# The caring-person queue. Worker-facing texts first (sent through the worker's channel), then the staff
# desk's texts (Slack cards, thread notes, the console desk).

## To the worker
case-opened = You are now connected to the union's caring persons. Your case number is #{ $caseId }. A member of staff will reply here as soon as possible; you can send documents such as your contract or pay slips here too.
case-claimed = A union caring person has taken your case #{ $caseId } and will contact you here.
case-staff-reply =
    { $text }

    — Union caring person
case-staff-reply-named =
    { $text }

    — { $name } (Union caring person)
case-resolved = Your case #{ $caseId } has been resolved. How satisfied are you with the help? Please rate it from 1 to 5 below (5 = very satisfied). If anything is still open, just write here.
case-rating-thanks = Thank you for your rating! The union is here whenever you need it.
case-follow-up-consent = May we ask you again in { $days } days whether your problem was solved? (Just once.)
case-follow-up-question = Hello from the union’s caring-person desk. The problem of your case #{ $caseId }: has it been solved?
case-follow-up-agree = Thank you, we will ask you in { $days } days.
case-follow-up-decline = All right, we will not ask. Write here whenever you need us.
case-follow-up-thanks = Good to hear, thank you for telling us! The union is here whenever you need it.
case-follow-up-reopened = Sorry it is not solved yet. Case #{ $caseId } is open again; a caring person will contact you here soon.

## Staff desk
desk-priority-urgent = 🔴 urgent
desk-priority-normal = 🟡 normal
desk-status-open = waiting to be claimed
desk-status-claimed = claimed
desk-status-in_progress = in progress
desk-status-waiting_on_worker = waiting on the worker
desk-status-resolved = resolved
desk-status-closed = closed
desk-card-title = Case #{ $caseId } · { $priority } · { $category }
desk-field-worker = Worker
desk-field-status = Status
desk-field-assignee = Assignee
desk-field-opened = Opened
desk-field-sla = Claim by
desk-field-rating = Rating
desk-nobody = nobody yet
desk-worker-words = The question, in the worker’s words
desk-bot-attempt = What the bot answered
desk-citations = Articles cited
desk-facts = Facts
desk-fact-employers = Employer
desk-fact-dates = Dates
desk-fact-amounts = Amounts
desk-fact-yearsWorked = Years worked
desk-fact-people = People
desk-field-reason = Why a person
desk-reason-explicit_request = the worker asked for a person
desk-reason-union_action = asks the union to act
desk-reason-callback = asks for a call back
desk-reason-legal_aid = applies for legal aid
desk-reason-hardship = applies for hardship help
desk-reason-join_union = applies to join the union
desk-reason-personal_case = a personal case
desk-reason-low_confidence = the bot was not sure
desk-reason-follow_up = follow-up (the system could not handle it)
desk-reason-fire = urgent: fire
desk-reason-electricity = urgent: electric shock
desk-reason-fall_collapse = urgent: fall or collapse
desk-reason-machine = urgent: machine injury
desk-reason-medical = urgent: illness or injury
desk-reason-heat = urgent: heat
desk-reason-chemical = urgent: chemicals
desk-reason-confined_space = urgent: confined space
desk-reason-violence = urgent: violence
desk-reason-sexual_violence = urgent: sexual violence or harassment
desk-reason-self_harm = urgent: risk of self-harm
desk-reason-collective = urgent: collective action
desk-reason-child = urgent: child labour or a minor
desk-card-hint = Replies in this thread stay between staff. To send one to the worker, start it with @worker (or @职工), or use the “Send to worker” shortcut on it; the thread shows when it was delivered.
desk-button-claim = Claim
desk-button-resolve = Resolve
desk-button-urgent = Make urgent
desk-button-normal = Make normal
desk-forgotten = The worker deleted their data with /forget; the case keeps only category, priority, times and rating.
desk-removed = (removed at the worker's request)
desk-worker-message = { $from }: { $text }
desk-attachment = 📎 The worker sent { $kind ->
    [photo] a photo
    [document] a document
    [voice] a voice message
   *[other] an attachment
} { $name }
desk-event-claimed = { $who } claimed this case.
desk-event-resolved = { $who } resolved this case; the worker was asked for a rating.
desk-event-reopened = The worker wrote again: the case is reopened.
desk-event-priority_changed = Priority is now { $priority }.
desk-event-rated = The worker rated the help { $rating }/5.
desk-event-closed = The case is closed.
desk-event-forgotten = The worker deleted their data; their words were removed from this thread.
desk-event-follow_up_solved = Follow-up: the worker says the problem was solved.
desk-event-follow_up_unsolved = Follow-up: the worker says it is not solved; the case is open again.
desk-urgent-alert = 🚨 { $group }The worker of case #{ $caseId } just wrote about an emergency ({ $category }). They were sent safety instructions; follow up now.
desk-staff-note = 📝 { $who } (internal note): { $text }
desk-reply-delivered =
    📤 Delivered to the worker (sent by { $who }, { $time }):
    { $text }
desk-reply-undelivered =
    ⚠️ Could not be delivered to the worker (sent by { $who }); reach them another way:
    { $text }
desk-reply-queued = Queued for the worker; the thread will show when it is delivered.
desk-reply-pick-thread = Use “Send to worker” on a reply in a case thread.
desk-sla-reminder = { $group }Case #{ $caseId } ({ $priority } · { $category }) has waited { $minutes } minutes and nobody has claimed it.
desk-refused = Only union staff can work on cases. This attempt was logged.
desk-already-claimed = Case #{ $caseId } is already claimed by { $who }.
desk-case-closed = Case #{ $caseId } is closed: this reply was not sent to the worker.
desk-not-found = There is no case #{ $caseId }.
desk-queue-title = Cases waiting to be claimed (urgent first, then oldest)
desk-queue-empty = No case is waiting to be claimed.
desk-my-cases = My cases
desk-my-cases-empty = You have no open cases.
desk-queue-line = #{ $caseId } { $priority } · { $category } · { $worker } · waiting { $minutes } min
desk-help =
    /niangjia queue — cases waiting to be claimed
    /niangjia case 42 — show case #42
    /niangjia report [days] — the listening report (last 7 days by default), posted to the cases channel
    /niangjia reindex — re-index the knowledge base (admins)
    /niangjia sources — documents in the index (admins)
    /niangjia rollback — go back to the previous index version (admins)
    /niangjia outbox — dead letters: messages that could not be delivered (admins)
    /niangjia outbox retry 812 | retry all — send them again once the cause is fixed (admins)
desk-admin-only = Only admins can use this command. This attempt was logged.
desk-admin-unavailable = This service has no knowledge-base admin wired in.
desk-reindex-started = { $who } started a re-index of the knowledge base…
desk-reindex-failed = The re-index failed: { $reason }. The live index is unchanged.
desk-rollback-failed = Could not roll back: { $reason }
desk-outbox-usage = Use /niangjia outbox to list the dead letters, then /niangjia outbox retry 812 (an id from the list) or /niangjia outbox retry all.
