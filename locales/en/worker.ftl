# Texts the core sends to workers (any channel).
worker-saved-follow-up = Your message is saved. We could not handle it just now; a union caring person will follow up with you soon.
worker-empty = Please type your question in words, for example "my company has not paid my wages". To reach a person, send /human.
worker-attachment-no-case = I cannot read photos, files or voice notes. Please describe your question in words. To give a contract or pay slip to union staff, send /human first, then send the file.
worker-attachment-added = This file is attached to your case #{ $caseId }; the person handling it can see it.
worker-relayed = Passed on to the union caring person handling your case #{ $caseId }; they will reply here.
worker-human-existing = Your case #{ $caseId } is already open; a union caring person will reply here. You can add details here anytime.
worker-human-summary = The worker asked to talk to a person.
worker-feedback-thanks = Thank you for your feedback!
worker-feedback-sorry = Sorry that did not help. Would you like a union caring person to look at it? Tap the button below.
console-welcome = Hello, I am the union's "Niangjia" assistant. Type your question about your rights at work (e.g. my employer has not paid my wages). Type /human for a person, /lang zh for Chinese, Ctrl+D to quit.
console-button-helpful = helpful
console-button-not_helpful = not helpful
console-button-human = type /human to talk to a person
