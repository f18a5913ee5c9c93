# Telegram interface texts (the worker channel). Placeables: { $bot } is the bot's username.
tg-welcome =
    Hello, I am the union's "Niangjia" assistant 👋
    Ask me about your rights at work, e.g. "my employer has not paid my wages" or "how is overtime paid", and I will answer citing the exact articles of law.
    When you need a real person, send /human and a union caring person (staff member) will reply here.
    🔒 What is stored and who sees it: your messages, my answers and, if you ask for a person, your case are kept in the union's own system. Only the union staff handling your case see it, and by default they see a pseudonym, not your name or username.
    Send /forget at any time to delete your data. Send /help to see everything I can do.
tg-help =
    What I can do:
    • Type a question: wages, overtime, contracts, social insurance, work injury, dismissal…
    • /human talk to a union caring person
    • /services join the union, apply for legal aid or hardship help, or book a call-back
    • /case see how my cases are going
    • /lang change language (中文 / English)
    • /forget delete my data
    Once you have a case, send photos or files of pay slips or contracts here: they are attached to it.
tg-lang-choose = Choose your language:
tg-lang-set = OK, I will reply in English from now on.
tg-lang-auto = OK, I will reply in the language you write in.
tg-forget-confirm = Delete your data? Your conversation, name and case texts will be deleted. This cannot be undone.
tg-forget-done = Your data has been deleted. If you need help later, just send me a message.
tg-forget-cancelled = OK, nothing was deleted.
tg-flood = You are sending messages very fast 🙏 I am working through the ones I have; please wait a minute before sending more.
tg-group-hint = In groups I only answer when you mention @{ $bot } or reply to me. For personal matters (wages, contracts, your case) please talk to me privately: https://t.me/{ $bot }
tg-private-only = This concerns your personal data; please talk to me privately: https://t.me/{ $bot }
tg-cases-none = You have no cases. Send /human if you would like a person to help.
tg-cases-header = Your cases:
tg-case-line = • #{ $caseId } { $status } (opened { $opened })
tg-case-status-open = waiting for a staff member
tg-case-status-new = waiting for a staff member
tg-case-status-claimed = a staff member is on it
tg-case-status-in_progress = a staff member is on it
tg-case-status-waiting = waiting for your reply
tg-case-status-resolved = resolved
tg-case-status-closed = closed
tg-button-helpful = 👍 Helpful
tg-button-not_helpful = 👎 Not helpful
tg-button-human = 🙋 Talk to a person
tg-button-rate = { $rating } ⭐
tg-button-lang-auto = Follow my messages
tg-button-forget-yes = Yes, delete
tg-button-forget-no = Cancel
tg-rate-thanks = Thank you for your rating!
# The command menu (setMyCommands), one line each, at most 256 characters.
tg-command-start = Start: what I can do and what is stored
tg-command-help = Everything I can do
tg-command-human = Talk to a union caring person
tg-command-case = How my cases are going
tg-command-lang = Change language (中文 / English)
tg-command-forget = Delete my data
tg-update-kept = Got it. Something is not working on our side right now; this message will be handled as soon as it works again, no need to send it again.
tg-update-failed = Sorry, this message could not be handled. Please write it again in other words, or send /human to reach a person.
