# The caring-person queue. Worker-facing texts first (sent through the worker's channel), then the staff
# desk's texts (Slack cards, thread notes, the console desk).

## To the worker
case-opened = 已为你转接工会娘家人，你的个案编号是 #{ $caseId }。工作人员会尽快在这里回复你；合同、工资条、聊天记录等材料也可以直接发在这里。
case-claimed = 工会娘家人已接手你的个案 #{ $caseId }，会在这里和你联系。
case-staff-reply =
    { $text }

    —— 工会娘家人
case-staff-reply-named =
    { $text }

    —— { $name }（工会娘家人）
case-resolved = 你的个案 #{ $caseId } 已处理完毕。这次帮助你满意吗？请点下面的 1–5 分评价（5 分最满意）。如果还有问题，直接在这里留言即可。
case-rating-thanks = 谢谢你的评价！有需要随时找工会娘家人。
case-follow-up-consent = 你的问题解决得怎么样，我们想在 { $days } 天后再问问你，可以吗？（只问一次）
case-follow-up-question = 你好，这里是工会娘家人。你的个案 #{ $caseId } 之前反映的问题，现在解决了吗？
case-follow-up-agree = 好的，{ $days } 天后我们会再问问你。
case-follow-up-decline = 好的，不再打扰。有需要随时在这里留言。
case-follow-up-thanks = 太好了，谢谢你告诉我们！有需要随时找工会娘家人。
case-follow-up-reopened = 抱歉问题还没解决。个案 #{ $caseId } 已重新打开，工会娘家人会尽快在这里联系你。

## Staff desk
desk-priority-urgent = 🔴 紧急
desk-priority-normal = 🟡 一般
desk-status-open = 待接手
desk-status-claimed = 已接手
desk-status-in_progress = 处理中
desk-status-waiting_on_worker = 等待职工回复
desk-status-resolved = 已解决
desk-status-closed = 已关闭
desk-card-title = 个案 #{ $caseId } · { $priority } · { $category }
desk-field-worker = 职工
desk-field-status = 状态
desk-field-assignee = 处理人
desk-field-opened = 开始时间
desk-field-sla = 接手时限
desk-field-rating = 满意度
desk-nobody = 无人接手
desk-worker-words = 职工的问题（原话）
desk-bot-attempt = 机器人的回答
desk-citations = 引用条文
desk-facts = 要点
desk-fact-employers = 单位
desk-fact-dates = 日期
desk-fact-amounts = 金额
desk-fact-yearsWorked = 工龄
desk-fact-people = 人数
desk-field-reason = 转人工原因
desk-reason-explicit_request = 职工请求转人工
desk-reason-union_action = 请工会出面
desk-reason-callback = 请求回电
desk-reason-legal_aid = 申请法律援助
desk-reason-hardship = 申请困难帮扶
desk-reason-join_union = 申请入会
desk-reason-personal_case = 个人具体案件
desk-reason-low_confidence = 机器人没有把握
desk-reason-follow_up = 需要跟进（系统未能处理）
desk-reason-fire = 紧急：火灾
desk-reason-electricity = 紧急：触电
desk-reason-fall_collapse = 紧急：坠落或坍塌
desk-reason-machine = 紧急：机器伤人
desk-reason-medical = 紧急：急症或受伤
desk-reason-heat = 紧急：中暑
desk-reason-chemical = 紧急：化学品
desk-reason-confined_space = 紧急：有限空间
desk-reason-violence = 紧急：暴力
desk-reason-sexual_violence = 紧急：性暴力或性骚扰
desk-reason-self_harm = 紧急：自伤风险
desk-reason-collective = 紧急：群体性事件
desk-reason-child = 紧急：童工或未成年人
desk-card-hint = 讨论串里的回复只有工作人员能看到。要发给职工：以 @职工 开头（或 @worker），或在消息上选“发给职工”快捷操作；送达后讨论串里会显示。
desk-button-claim = 接手
desk-button-resolve = 标记已解决
desk-button-urgent = 设为紧急
desk-button-normal = 设为一般
desk-forgotten = 职工已使用 /forget 删除个人资料，本个案只保留分类、优先级、时间和评分。
desk-removed = （内容已按职工要求删除）
desk-worker-message = { $from }：{ $text }
desk-attachment = 📎 职工发来{ $kind ->
    [photo] 图片
    [document] 文件
    [voice] 语音
   *[other] 附件
}{ $name }
desk-event-claimed = { $who } 已接手此个案。
desk-event-resolved = { $who } 已将个案标记为已解决，并请职工评分。
desk-event-reopened = 职工再次留言，个案已重新打开。
desk-event-priority_changed = 优先级已改为 { $priority }。
desk-event-rated = 职工评分：{ $rating }/5。
desk-event-closed = 个案已关闭。
desk-event-forgotten = 职工已删除个人资料，讨论串中的职工原话已移除。
desk-event-follow_up_solved = 回访：职工说问题已经解决。
desk-event-follow_up_unsolved = 回访：职工说问题还没解决，个案已重新打开。
desk-urgent-alert = 🚨 { $group }个案 #{ $caseId } 的职工刚发来紧急情况（{ $category }），已自动回复安全提示，请立即跟进。
desk-staff-note = 📝 { $who }（内部备注）：{ $text }
desk-reply-delivered =
    📤 已送达职工（{ $who } 发送，{ $time }）：
    { $text }
desk-reply-undelivered =
    ⚠️ 未能送达职工（{ $who } 发送），请改用其他方式联系：
    { $text }
desk-reply-queued = 已排队发给职工；送达后讨论串里会显示。
desk-reply-pick-thread = 请在个案讨论串里的某条回复上使用“发给职工”。
desk-sla-reminder = { $group }个案 #{ $caseId }（{ $priority } · { $category }）已等待 { $minutes } 分钟，仍无人接手。
desk-refused = 只有工会工作人员可以处理个案。此次操作已记录。
desk-already-claimed = 个案 #{ $caseId } 已由 { $who } 接手。
desk-case-closed = 个案 #{ $caseId } 已关闭，这条回复没有发给职工。
desk-not-found = 找不到个案 #{ $caseId }。
desk-queue-title = 待接手的个案（紧急优先，其次按等待时间）
desk-queue-empty = 目前没有待接手的个案。
desk-my-cases = 我的个案
desk-my-cases-empty = 你目前没有处理中的个案。
desk-queue-line = #{ $caseId } { $priority } · { $category } · { $worker } · 已等待 { $minutes } 分钟
desk-help =
    /niangjia queue —— 待接手的个案
    /niangjia case 42 —— 查看个案 #42
    /niangjia report [天数] —— 倾听报告（默认最近 7 天），发到个案频道
    /niangjia reindex —— 重建知识库索引（管理员）
    /niangjia sources —— 已收录的法规文件（管理员）
    /niangjia rollback —— 回到上一个索引版本（管理员）
    /niangjia outbox —— 死信：无法送达的消息（管理员）
    /niangjia outbox retry 812 | retry all —— 排除原因后重新发送（管理员）
desk-admin-only = 只有管理员可以使用这个命令。此次操作已记录。
desk-admin-unavailable = 本服务没有接入知识库管理功能。
desk-reindex-started = { $who } 开始重建知识库索引……
desk-reindex-failed = 重建索引失败：{ $reason }。线上索引保持不变。
desk-rollback-failed = 无法回退：{ $reason }
desk-outbox-usage = 先用 /niangjia outbox 列出死信，再用 /niangjia outbox retry 812（列表中的编号）或 /niangjia outbox retry all 重新发送。
