# Telegram interface texts (the worker channel). Placeables: { $bot } is the bot's username.
tg-welcome =
    你好，我是工会“娘家人”助手 👋
    你可以直接问我劳动权益问题，比如“公司拖欠工资怎么办”“加班费怎么算”，我会引用具体法律条文回答你。
    需要真人帮忙时，发送 /human，工会娘家人（工作人员）会在这里回复你。
    🔒 保存什么、谁能看到：你发的消息、我的回答，以及你转人工后的个案记录，保存在工会自己的系统里。只有处理你个案的工会工作人员能看到个案，他们默认只看到你的化名，不会看到你的姓名和用户名。
    发送 /forget 可以随时删除你的资料。发送 /help 查看全部功能。
tg-help =
    我能做的：
    • 直接发文字提问：工资、加班、劳动合同、社保、工伤、解除合同等
    • /human 转工会娘家人（真人）
    • /services 办理入会、法律援助、困难帮扶，或预约回电
    • /case 查看我的个案进度
    • /lang 切换语言（中文 / English）
    • /forget 删除我的资料
    转人工后，可以把工资条、合同的照片或文件直接发在这里，会附到你的个案里。
tg-lang-choose = 请选择语言：
tg-lang-set = 好的，以后我用中文回复你。
tg-lang-auto = 好的，以后我跟随你发消息用的语言回复。
tg-forget-confirm = 确定要删除你的资料吗？你的对话记录、姓名和个案内容都会被删除，无法恢复。
tg-forget-done = 已删除你的资料。如果以后还需要帮助，随时给我发消息。
tg-forget-cancelled = 好的，没有删除任何资料。
tg-flood = 你发得有点快 🙏 我先处理已收到的消息，请一分钟后再发。
tg-group-hint = 在群里我只回答 @{ $bot } 或回复我的消息。涉及个人情况（工资、合同、个案）的问题，请私聊我：https://t.me/{ $bot }
tg-private-only = 这涉及你的个人资料，请私聊我处理：https://t.me/{ $bot }
tg-cases-none = 你目前没有个案。需要真人帮忙可以发送 /human。
tg-cases-header = 你的个案：
tg-case-line = • #{ $caseId } { $status }（{ $opened } 提交）
tg-case-status-open = 等待工作人员接手
tg-case-status-new = 等待工作人员接手
tg-case-status-claimed = 工作人员处理中
tg-case-status-in_progress = 工作人员处理中
tg-case-status-waiting = 等待你的回复
tg-case-status-resolved = 已解决
tg-case-status-closed = 已关闭
tg-button-helpful = 👍 有帮助
tg-button-not_helpful = 👎 没帮助
tg-button-human = 🙋 找工会娘家人
tg-button-rate = { $rating } ⭐
tg-button-lang-auto = 跟随我的消息
tg-button-forget-yes = 确定删除
tg-button-forget-no = 取消
tg-rate-thanks = 谢谢你的评价！
# The command menu (setMyCommands), one line each, at most 256 characters.
tg-command-start = 开始：我能做什么、保存哪些资料
tg-command-help = 查看全部功能
tg-command-human = 转工会娘家人（真人）
tg-command-case = 查看我的个案进度
tg-command-lang = 切换语言（中文 / English）
tg-command-forget = 删除我的资料
tg-update-kept = 收到了。系统暂时出了点问题，恢复后会自动处理这条消息，不用重发。
tg-update-failed = 抱歉，这条消息没能处理。请换个说法重新发一次；需要找人可以发送 /human。
