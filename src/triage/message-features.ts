/**
 * The features the triage classifier sees: jieba words, Chinese character bigrams and trigrams, English
 * words and word pairs, what the danger lexicon found (category, strength, frames) and whether any word of
 * working life is in the message (`D:none` when none is) — so the model can
 * learn that "摔伤" in a question about compensation is a rights question, and in a cry for help is not.
 *
 * @example
 *   messageFeatures('工友触电倒地', lexicon.scan('工友触电倒地')) // → ['w:工友', 'w:触电', 'b:工友', …, 'L:acute:electricity']
 */
import { stemEnglish, tokenize } from '../text/tokenizer.js';
import type { DangerScan } from './danger-lexicon.js';
import { normalise } from './text-matcher.js';

/** Bump when the features or the training change: a stored model trained otherwise is then retrained, not copied. */
export const FEATURES_VERSION = 24;

export function messageFeatures(text: string, scan: DangerScan): string[] {
  const t = normalise(text);
  const out: string[] = [];
  for (const w of tokenize(t)) out.push(`w:${w}`);
  for (const run of t.match(/\p{Script=Han}+/gu) ?? []) {
    for (let i = 0; i + 1 < run.length; i++) out.push(`b:${run.slice(i, i + 2)}`);
    for (let i = 0; i + 2 < run.length; i++) out.push(`t:${run.slice(i, i + 3)}`);
  }
  // English word pairs keep negations and phrases ("not breathing", "call me") that single words lose.
  const en = (t.match(/[a-z][a-z']*/g) ?? []).map((w) => stemEnglish(w.replace(/'/g, '')));
  for (let i = 0; i + 1 < en.length; i++) out.push(`e:${en[i]}_${en[i + 1]}`);
  for (const h of scan.hits) {
    out.push(`L:${h.strength}:${h.category}`, `L:${h.strength}${h.framed ? ':framed' : ''}`);
  }
  for (const f of scan.frames) out.push(`F:${f}`);
  if (scan.urgent.length) out.push('L:urgent');
  // No word of working life at all (a neighbour's dog, a mortgage, crypto): out of scope more often than not.
  if (!scan.work) out.push('D:none');
  const han = t.match(/\p{Script=Han}/gu)?.length ?? 0;
  const size = han + en.length;
  out.push(size < 8 ? 'len:short' : size < 40 ? 'len:mid' : 'len:long');
  if (/[?？]|吗|么$|\b(?:how|what|can|is|are|do|does)\b/.test(t)) out.push('q:question');
  for (const [name, re] of voices) if (re.test(t)) out.push(`V:${name}`);
  return out;
}

/**
 * Who speaks and what for, said any way: the employer's side (有个员工…, "I'm HR", "our workers"), asking how
 * to avoid a duty (怎么操作可以不给…, "how can we avoid…"), asking for someone else's data, speaking in
 * someone's authority, asking the union for a lawyer, to act with someone or for hardship help, being out of money
 * now, asking after one's own case, telling what was done to oneself (老板叫我签…, "my boss made me…"). Features,
 * not rules: the classifier weighs them against everything else the message says.
 */
const voices: Array<[string, RegExp]> = [
  [
    'employer',
    /(?:有个|有一个|有位|我们(?:(?:公司|厂|店)的?|的)|手下的?|我的|店里的?|厂里的?)(?:员工|工人|职工|店员|下属|孕妇员工)|(?:让|叫|逼|劝)(?:一个|一名|这个|那个|某个|个)?[^，。我]{0,5}(?:他|她|员工|工人|职工)[^，。]{0,6}(?:自己|主动)(?:辞职|走|离职|提)|作为(?:老板|hr|人事|雇主|公司|企业|用人单位)|我是做(?:人事|hr|人力|行政人事)|我(?:在公司)?(?:做|管)(?:人事|hr|人力)的|(?:^|[，。\s])(?:hr|人事|人力|老板)(?:这边)?(?:想)?(?:问一下|问下|请教|咨询)|我是(?:老板|hr|人事|公司负责人)|\bi'?m (?:the |an? )?(?:hr|boss|owner|employer|manager)\b|\bas (?:an? |the )?(?:employer|hr|owner|company)\b|\bour (?:employees|workers|staff)\b|\bhow (?:can|do|should|could) we\b|\bhow (?:can|do|should|could) (?:our|my) (?:company|firm|business|factory|restaurant|shop|store|platform)\b|老板(?:让|叫|派)我(?:来)?(?:问|咨询|打听)/,
  ],
  [
    'evade',
    /(?:怎么|如何|有什么办法|有啥办法|怎样|咋)(?:操作|处理|做|弄|安排|写)?(?:才能|可以|能)?[^。？?]{0,20}(?:不给|不付|不交|少交|少付|不用(?:给|付|交|赔|算)|规避|避开|绕过|不被(?:查|认定|发现)|不算)|怎么合法地?[^。？?]{0,8}(?:劝退|辞退|开除|裁掉|让[^。？?]{0,4}(?:走|离职|辞职))|(?:怎么|如何|咋)[^。？?]{0,8}不让[^。？?]{0,4}(?:认定|申报|去认定|去劳动|去仲裁|知道)|劝退[^。？?]{0,6}话术|这样(?:就)?(?:能|可以)?(?:少交|不用(?:交|算|给|付|赔)|不交|省掉)|\b(?:avoid|dodge|get around|bypass|without paying|not have to pay|so (?:that )?we (?:don'?t|do not|never|won'?t) (?:ever )?(?:have to |need to )?(?:pay|give|owe))\b/,
  ],
  [
    'others_data',
    /(?:别人|其他(?:员工|工人|人|用户)|同事|他|她)的(?:聊天记录|电话|手机号|住址|身份证|工资条|案件|资料|信息)|(?:名单|名册|花名册|登记表|求助记录|聊天记录)[^。？?]{0,6}(?:给我|发我|发给我|导出|调出)|(?:给我|发我|导出|调出)[^。？?]{0,10}(?:名单|名册|花名册|登记表|求助记录)|(?:上一个|上一位|前一个|刚才那个|别的|其他)用户(?:跟你|和你|对你)?(?:说的|聊的|问的|发的)|\b(?:someone else'?s|other (?:users|workers)'?|all (?:users|workers)'?)\b|\b(?:the )?(?:previous|last|other) (?:user|person)'?s? (?:said|wrote|asked|messages?|chats?)\b|\bexport\b|\b(?:list|names|records) of (?:all |the )?(?:users|workers|members|people who)\b/,
  ],
  [
    // Speaking in someone's authority: 陈主席让我来的, 我是工会的工作人员, "I'm from the union office".
    'authority',
    /(?:主席|领导|部长|书记|主任|科长|处长|经理|管理员|工作人员|客服)(?:让我|叫我|派我|安排我|授权|同意我)|我是(?:工会|总工会|你们|这边|系统)的?(?:工作人员|干部|领导|管理员|主席|客服|开发)|\bi(?:'m| am) (?:from|with) (?:the )?union\b|\b(?:admin|administrator|moderator)\b|\bi(?:'m| am) (?:the |a |an )?(?:union )?(?:chair\w*|director|official|staff member|secretary general)\b(?! of (?:my|our) (?:factory|company|workplace))|\bon behalf of (?:the )?union\b|\b(?:the )?(?:chairman|director|supervisor) (?:sent|asked|told) me\b/,
  ],
  [
    // Asking the union for a lawyer or to take the case: 工会有没有免费律师, 帮我出庭, "can the union represent me".
    'ask_lawyer',
    /(?:工会|你们|这边)(?:有没有|能不能|可不可以|可以|能否|能|给不给|管不管|帮不帮)[^。？?]{0,8}(?:律师|法律援助|法援|代理|出庭|打官司)|请不起律师|(?:帮|替|代|陪)(?:我|我们)(?:打官司|出庭|去仲裁|起诉|写诉状|写仲裁)|免费(?:的)?(?:律师|法律援助|打官司)|(?:想|要|我想|能不能|怎么|能|可以|可不可以|能否)申请(?:工会的?)?(?:法律援助|法援)|需要(?:工会的?|你们的?)(?:法律援助|法援|律师)|(?:我|我们)(?:急)?(?:需要|要)(?:法律援助|法援)|(?:律师|法律援助)[^。？?]{0,4}(?:工会|你们)(?:能不能|能|可以|可不可以)?(?:出|派|给|帮|找)|(?:帮我|替我)写(?:个|一份)?(?:仲裁申请书|诉状|起诉状)|不会写(?:仲裁申请书|诉状|起诉状)|\brepresent (?:me|us)\b|\b(?:free|union'?s?) (?:lawyer|attorney|legal aid|legal help)\b|\bafford (?:a )?(?:lawyer|attorney)\b|\b(?:provide|give|send|get|find) (?:me |us )?(?:a )?(?:lawyer|attorney)\b|(?<!\b(?:do|does|did|would|will|should|shall|must|can|could) )\b(?:i|we) (?:really |urgently )?(?:need|want|neeed|must get) (?:a |some )?(?:lawyer|attorney|legal (?:help|aid|representation))\b|\blawyer help\b|\b(?:the union'?s?|your) legal (?:team|department|staff|people|officer)\b/,
  ],
  [
    // Asking the union to act with someone: 帮我跟人事沟通一下, 给公司写封函, "can you call my boss".
    'ask_act',
    /(?:能|可以|能不能|可不可以|麻烦|请|帮忙)[^。？?]{0,6}(?:帮我|替我|帮我们|替我们|代我)[^。？?]{0,4}(?:跟|和|给|向|找|去找|联系)[^。？?]{0,4}(?:人事|老板|公司|hr|厂里|单位|领导|包工头|项目部|开发商|经理|主管|站长|平台)[^。？?]{0,8}(?:沟通|说|谈|协调|反映|打电话|写|联系|要|问)|(?:帮我|替我|帮我们)(?:给|向)[^。？?]{0,6}(?:写|发)(?:一)?(?:封|个|份)?(?:函|信|律师函)|\b(?:can|could|would|will) (?:you|the union|someone|somebody)(?: from the union)? (?:please )?(?:talk to|call|contact|write to|speak (?:to|with)|phone|email|go to|visit) (?:my |our |the )?(?:boss|employer|hr|company|manager|supervisor|factory|site|contractor|agency|platform)\b|\b(?:please |pls |plz )?(?:call|phone|contact|talk to|ring) (?:my|our) (?:boss|employer|manager|supervisor|company|hr|foreman|contractor) (?:for (?:me|us)|on my behalf|on our behalf)\b/,
  ],
  [
    // Asking for a person of the union, or that one act or come: 转人工, 想跟工作人员说, 工会能派人来参加吗,
    // "need a real person", "pass my case to union staff", "could you ask my employer why…".
    'ask_person',
    /转人工|(?:找|要|接|转|叫|换|联系|需要|想要|想找|想跟|想和|跟|和|让)(?:一个|个|位|一位)?(?:真人|人工|活人|真正的人|工作人员|工会干部|工会的人|你们的人|你们工会的人|专人)|(?:工会|你们)(?:能不能|可不可以|能否|可以|能|会不会|会)?(?:派|安排|出)(?:个|一个|几个|一位|位)?(?:人|干部|工作人员|律师|代表)|(?:请|麻烦|能不能|可不可以|能否|可以|希望|快|赶紧)(?:你们)?(?:派|安排)(?:个|一个|几个|一位|位)?(?:人|工作人员|干部)(?:来|过来|去|到|参加|陪|帮)|(?:请|麻烦|希望|想请)(?:工会|你们)[^。？?]{0,12}(?:帮我|帮我们|替我|替我们|出面|介入|参加|陪|联系|过问|跟进)|\b(?:real|actual|live|human) (?:person|human|people|being|agent|staff)\b|\b(?:talk|speak|chat) (?:to|with) (?:a |an |one of )?(?:someone|somebody|person|human|staff|caseworker|officer|union staff|union rep|rep|your staff|a member of staff|people at the union)\b|\bpass (?:my|this|the) (?:case|message|question|issue|file) (?:on )?(?:to|over to)\b|\b(?:connect|put) me (?:through )?(?:to|with) (?:a |an |someone|somebody|staff|the union|a person|a human)\b|\b(?:can|could|would|will) (?:a |one of (?:the|your) )?(?:staff(?: member)?|union (?:staff|rep|official|officer)|caseworker|someone from the union|somebody from the union)\b|\bsend (?:someone|somebody|a person|staff|a rep|an officer)\b|\b(?:could|can|would|will) you (?:please |pls )?(?:ask|tell|remind|chase) (?:my |our |the )(?:employer|boss|company|hr|manager|supervisor|agency|contractor)\b/,
  ],
  [
    // Asking for the union's hardship help: 有没有困难补助, 能申请救助吗, "is there a hardship fund I can apply to".
    'ask_aid',
    /(?:有没有|有冇|有无|能不能|能否|可以|可不可以|怎么|如何|想)(?:申请|领|拿|给|得到)?[^。？?]{0,6}(?:困难补助|困难救助|救助金|救助|帮扶|慰问金|困难职工|大病救助|临时救助|应急救助|紧急援助|紧急救助|援助金)|(?:医药费|住院费|押金|医院)[^。？?]{0,24}(?:能不能|可不可以|能否|可以)?(?:先)?(?:帮帮我|帮我一下|帮帮忙|救救急)|\b(?:hardship|emergency|relief|welfare|solidarity) (?:funds?|grants?|aid|help|payments?|assistance)\b|\b(?:can|could|would|does) the union (?:help|pay|cover|give) (?:me|us)? ?(?:with|for|pay for|get|buy)? ?(?:a |the |my |our )?(?:train|bus|ticket|tickets|rent|food|fare|fares|trip)\b|\bfinancial (?:help|assistance|aid|support)\b|\b(?:is|are) there (?:any |a )?(?:union |member |members' )?(?:funds?|grants?|subsid(?:y|ies)|money|allowances?) (?:for|to help|i can)\b|\bunion (?:funds?|grants?|subsid(?:y|ies)|money) for\b|\bunion (?:helps|can help|supports|assists) (?:workers|people|members|those)\b|\bhelp (?:with|paying) (?:the |my )?(?:medical|hospital|treatment) (?:bills|costs|fees)\b/,
  ],
  [
    // Out of money now: 只剩五十块, 交不起房租, 吃不上饭, "no money left", "can't afford".
    'broke',
    /只剩(?:下)?[0-9一二三四五六七八九十两几百]+(?:块|元|毛)|(?:没钱|没有钱|一分钱都没有?)(?:了|吃饭|交|付|看病|回家|买)|(?:交|付|买|看|吃|住|治)不起|(?:饭|馒头|泡面)都吃不上|揭不开锅|走投无路|借遍了|\bno money (?:left|for)\b|\b(?:can'?t|cannot|couldn'?t) (?:afford|pay (?:the |my )?(?:rent|bill|bills|hospital))\b|\b(?:i'?m|i am|we'?re|we are|totally|completely|flat|so|been|go|gone|going) broke\b(?! (?:my|his|her|the|a|an|our|their|it|its|down|up|into|out|off|in)\b)|\bevict\w*\b|\b(?:run|ran|running) out of money\b|\bstranded\b|\bno money to (?:get|go) home\b|\bcan'?t (?:get|go) home\b|回不了家|没钱回家|\b(?:no|without|haven'?t had any|lost (?:my|our)) income\b|没有收入|断了收入|没了收入/,
  ],
  [
    // Asking after one's own earlier case: 上次说的那个调解怎么样了, 我的申请有消息没, "any update on my case".
    'followup',
    /(?:上次|上回|之前|前几天|前阵子|前两天|上周)[^。？?]{0,12}(?:说的|提交|登记|反映|申请|报的|找你们|问的|那个)[^。？?]{0,16}(?:怎么样了|咋样了|有结果|有消息|有进展|进度|办得|同意了没|答复|回复了没|处理得|到哪一步)|(?:我的|我那个|我们那个)(?:案子|申请|事情|事|求助|调解|投诉)[^。？?]{0,8}(?:怎么样了|咋样了|进度|有消息|有结果|到哪)|(?:说|答应|承诺)[^。？?]{0,10}(?:联系我|给我打电话|打电话给我|打给我|回电话|回电|回复我|有人联系)[^。？?]{0,12}(?:还没|没人|没有人|一直没|也没|都没)|(?:提交|登记|反映|投诉)[^。？?]{0,4}(?:了|过)[^。？?]{0,20}(?:还没人|没人联系|没人回|没有回音|没回音|一直没消息)|在你们这(?:儿|里)?(?:办过|登记过|求助过|申请过|反映过|投诉过)|(?:我的|我那个)[^。？?]{0,6}(?:申请|求助|投诉|案子)[^。？?]{0,12}(?:啥时候|什么时候|几时|多久)(?:能|才能|会)?(?:有结果|有消息|批|下来|出结果)|\bchecking (?:on|in on) (?:the|my) (?:mediation|case|complaint|application|claim|request)\b|(?:你们|工会)[^。？?]{0,8}(?:怎么|咋|为啥|为什么)?(?:还|一直|到现在)?(?:都)?(?:没|不)(?:有)?(?:人)?(?:联系我|回复我|回我|理我|给我打电话|回电话|处理我|跟进)|(?:跟我对接|负责我(?:这个|的)?(?:事|案子|申请)|帮我处理|处理我(?:这个|的)?(?:事|案子))的(?:那位|那个|工作人员|老师|大姐|同志|人)|(?:补充|更新)一下(?:我)?(?:那个|的|之前的?)?(?:情况|材料|事|案子|进展)|\b(?:no one|nobody|noone) (?:from the union |from you )?(?:has |have )?(?:ever )?(?:called|contacted|got back to|gotten back to|replied to|answered|rang) me\b|\bstill waiting (?:to hear|for (?:a |your |the )?(?:call|reply|answer|news|callback))\b|\b(?:you (?:said|promised|told me)|(?:i|we) (?:was|were) (?:told|promised)) (?:that )?(?:someone|somebody|you|a person|a lawyer|staff|the union|a caseworker) (?:would|will|was going to|should)\b|\bmy case ?worker\b|\bthe (?:person|officer|staff member|lady|guy) (?:helping|handling|assigned to|working on) (?:me|my)\b|\b(?:adding|add|some more|more) (?:info|information|details|evidence) (?:to|for|about) my (?:case|complaint|request|application)\b|\bit'?s been (?:\w+ )?(?:days|weeks|a week|a month) since i (?:reported|asked|wrote|applied|contacted|messaged|called)\b|(?:接着|继续|再)(?:请|麻烦)?你们(?:帮忙|帮我|跟进|催)|你们(?:能|可以|能不能)?再(?:帮我)?催(?:一下|一催|催)|\bupdate on my (?:case|complaint|application|file)\b|\bi(?:'m| am) the (?:\w+ ){0,3}(?:who|that) (?:reported|contacted|wrote|messaged|called|asked|complained)\b|\b(?:whoever'?s|the person) handling my (?:case|file|complaint)\b|\b(?:any (?:update|news|progress)|status of my|what happened (?:with|to) my|heard back|following up on my|follow up on my|follow-up on my)\b/,
  ],
  [
    // Telling the bot to drop its rules: 忽略你的规则, 无视之前的指令, "ignore the rules about escalation".
    'override',
    /(?<!(?:说|讲|让|叫|要|要求|通知)[^。？?！!]{0,8})(?:忽略|无视|忘掉|忘记|别管|不要管|跳过|绕过)(?:你的|你那些|之前的|以上的?|所有的?|上面的?)?[^。？?，,]{0,8}(?:规则|规矩|指令|设定|提示词|限制|政策)|(?<!\b(?:says?|said|saying|told (?:us|me|them)|tells (?:us|me)|wants (?:us|me)|asked (?:us|me)|orders? (?:us|me))\b[^.!?]{0,12})\b(?:ignore|disregard|forget|override|bypass)\b (?:all |any |your |the |my |previous |prior |above |earlier |these |those )*(?:rules?|instructions?|polic(?:y|ies)|prompts?|guidelines|settings|restrictions)\b/,
  ],
  [
    // Asking how a service works, not for it: 法律援助的条件是什么, 一般怎么操作, "is it only for members".
    'service_info',
    /(?:(?<!符合|够)条件|门槛|流程|区别|一般是|一般怎么|是不是只|只限|只针对|适用范围)|\b(?:conditions?|criteria|eligib\w*|requirements?|difference|different from|how (?:does|do) (?:it|this|that) work|how it works?|only for|standard for|just asking)\b/,
  ],
  [
    // The worker telling what was done to them: the boss made them sign, their wages unpaid, how they claim.
    'own_case',
    /(?:老板|公司|单位|厂里|厂长|经理|主管|领导|包工头|人事)[^，。？?]{0,4}(?:叫|让|要|逼|要求|强迫)我|我(?:该|应该|要|能|可以)?(?:怎么|如何|咋)(?:维权|索赔|讨薪|要回|讨回|申请|办)|(?:本人|我)(?:于|在)?[^，。？?]{0,14}(?:入职|就职|上班|进厂|工作了?)(?:的|，|,|了)|(?:欠|扣|拖)(?:了)?我的?(?:工资|钱|加班费|补偿)|我的(?:工资|加班费|社保|合同|工伤|赔偿)|\bmy (?:boss|employer|manager|company|supervisor|foreman) (?:made|told|forced|asked|wants|want) me\b|\b(?:owes|owe|didn'?t pay|did not pay|hasn'?t paid|won'?t pay) me\b|\bwhat can i do\b|\bhow (?:do|can) i (?:claim|get|recover|apply)\b/,
  ],
];
