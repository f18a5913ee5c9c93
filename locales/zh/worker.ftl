# Texts the core sends to workers (any channel).
worker-saved-follow-up = 你的消息已经保存。系统暂时处理不了，工会娘家人会尽快跟进回复你。
worker-empty = 请直接用文字写下你的问题，比如“公司拖欠工资怎么办”。需要找人可以发送 /human。
worker-attachment-no-case = 我暂时看不懂图片、文件或语音。请用文字描述你的问题；如果想把合同、工资条等材料交给工会工作人员，请先发送 /human 转人工，再发送材料。
worker-attachment-added = 已把这份材料附到你的个案 #{ $caseId }，处理你个案的工作人员可以看到。
worker-relayed = 已转给处理你个案 #{ $caseId } 的工会娘家人，他们会在这里回复你。
worker-human-existing = 你已有个案 #{ $caseId } 正在处理，工会娘家人会在这里回复你。有补充可以直接发在这里。
worker-human-summary = 职工请求转人工。
worker-feedback-thanks = 谢谢你的反馈！
worker-feedback-sorry = 抱歉没能帮上忙。要不要请工会娘家人帮你看看？点下面的按钮即可。
console-welcome = 你好，我是工会“娘家人”助手。请输入你的劳动权益问题（例如：公司拖欠工资怎么办）。输入 /human 转人工，/lang en 切换英文，Ctrl+D 退出。
console-button-helpful = 有帮助
console-button-not_helpful = 没帮助
console-button-human = 输入 /human 找工会娘家人
