<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>Bulkmail::AccountSettingsWidget</name>
    <message>
        <source>Server and sign-in</source>
        <translation>服务器与登录</translation>
    </message>
    <message>
        <source>Fills in the server settings of a known mail provider.</source>
        <translation>填入常见邮件服务商的服务器设置。</translation>
    </message>
    <message>
        <source>&amp;Provider:</source>
        <translation>服务商(&amp;P)：</translation>
    </message>
    <message>
        <source>Usually your full email address</source>
        <translation>通常是您的完整邮箱地址</translation>
    </message>
    <message>
        <source>&amp;Username:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>Also possible: port %1 with %2.</source>
        <translation>也可以使用：端口 %1 配合 %2。</translation>
    </message>
    <message>
        <source>Server settings from &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;.</source>
        <translation>服务器设置来自 &lt;a href=&quot;%1&quot;&gt;%2&lt;/a&gt;。</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Sign in with Microsoft</source>
        <translation>使用 Microsoft 登录</translation>
    </message>
    <message>
        <source>Sign in with Google</source>
        <translation>使用 Google 登录</translation>
    </message>
    <message>
        <source>Sign in with your organisation&apos;s server (OAuth2)</source>
        <translation>使用您所在组织的服务器登录（OAuth2）</translation>
    </message>
    <message>
        <source>Sign &amp;in with:</source>
        <translation>登录方式(&amp;I)：</translation>
    </message>
    <message>
        <source>Filled in when you sign in</source>
        <translation>登录后自动填写</translation>
    </message>
    <message>
        <source>You approve Bulkmail on %1&apos;s sign-in page in your browser; no password is typed or stored here.</source>
        <translation>您需要在浏览器中打开的 %1 登录页面上授权 Bulkmail；此处不会输入或保存任何密码。</translation>
    </message>
    <message>
        <source>The account&apos;s password (or app password), kept in this computer&apos;s keychain.</source>
        <translation>账户的密码（或应用专用密码），保存在此计算机的系统密钥环中。</translation>
    </message>
    <message>
        <source>A&amp;dvanced Settings</source>
        <translation>高级设置(&amp;D)</translation>
    </message>
    <message>
        <source>Advanced settings</source>
        <translation>高级设置</translation>
    </message>
    <message>
        <source>The server, port and encryption, a certificate to trust, the mailbox for copies of sent messages, and the sending limits. A provider fills them in; most accounts need no change here.</source>
        <translation>服务器、端口和加密方式、要信任的证书、用于保存已发送邮件副本的邮箱，以及发送限制。选择服务商后会自动填写；大多数账户无需在此更改。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::AccountText</name>
    <message>
        <source>a second</source>
        <translation>1 秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 小时</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>%1 d</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <source>%1 d %2 h</source>
        <translation>%1 天 %2 小时</translation>
    </message>
    <message>
        <source>Add recipients to see how long sending takes.</source>
        <translation>添加收件人后即可查看发送所需的时间。</translation>
    </message>
    <message>
        <source>No rate limit is set: the recipients go out as fast as the server accepts them, on up to %1 connections at once.</source>
        <translation>未设置速率限制：将按服务器的接收速度尽快发送给各收件人，最多同时使用 %1 个连接。</translation>
    </message>
    <message>
        <source>%1 of the %2 recipients fit in the daily quota of %3: the rest continues when the quota frees up, about 24 hours after the first messages.</source>
        <translation>%2 个收件人中有 %1 个在每日配额 %3 以内：其余的将在配额释放后继续发送，约在首批邮件发出 24 小时后。</translation>
    </message>
    <message>
        <source>%1 a second</source>
        <translation>每秒 %1 封</translation>
    </message>
    <message>
        <source>%1 a minute</source>
        <translation>每分钟 %1 封</translation>
    </message>
    <message>
        <source>one message every %1 s</source>
        <translation>每 %1 秒 1 封</translation>
    </message>
    <message>
        <source>At %1, the one recipient takes about %2</source>
        <translation>按%1的速度，这 1 个收件人约需 %2</translation>
    </message>
    <message>
        <source>At %1, %2 recipients take about %3</source>
        <translation>按%1的速度，%2 个收件人约需 %3</translation>
    </message>
    <message>
        <source>%1; today&apos;s quota of %2 leaves room for %3 more.</source>
        <translation>%1；今天的配额 %2 还可再发送 %3 封。</translation>
    </message>
    <message>
        <source>The daily quota of %1 is used up for now: the %2 recipients wait until it frees up (it counts any 24 hours), then go out at %3.</source>
        <translation>每日配额 %1 目前已用完：%2 个收件人将等待配额释放（按任意 24 小时计算），然后按%3的速度发出。</translation>
    </message>
    <message>
        <source>At %1, %2 of the %3 recipients go out today, in about %4.</source>
        <translation>按%1的速度，%3 个收件人中有 %2 个今天发出，约需 %4。</translation>
    </message>
    <message>
        <source>The list exceeds the daily quota of %1: the remaining %2 continue tomorrow.</source>
        <translation>列表超出了每日配额 %1：其余 %2 个将在明天继续发送。</translation>
    </message>
    <message>
        <source>The list exceeds the daily quota of %1: the remaining %2 continue over the next %3 days.</source>
        <translation>列表超出了每日配额 %1：其余 %2 个将在之后 %3 天内继续发送。</translation>
    </message>
    <message>
        <source>The account works: Bulkmail can send through it.</source>
        <translation>账户可用：Bulkmail 可以通过它发送邮件。</translation>
    </message>
    <message>
        <source>The test was cancelled.</source>
        <translation>测试已取消。</translation>
    </message>
    <message>
        <source>The test failed.</source>
        <translation>测试失败。</translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation>已连接到 %1。</translation>
    </message>
    <message>
        <source>Could not connect to %1.</source>
        <translation>无法连接到 %1。</translation>
    </message>
    <message>
        <source>The server says: %1</source>
        <translation>服务器回复：%1</translation>
    </message>
    <message>
        <source>Encrypted with %1 (%2).</source>
        <translation>已使用 %1 加密（%2）。</translation>
    </message>
    <message>
        <source>Not encrypted: the password and the messages travel in clear.</source>
        <translation>未加密：密码和邮件以明文传输。</translation>
    </message>
    <message>
        <source>Signed in.</source>
        <translation>已登录。</translation>
    </message>
    <message>
        <source>Not signed in: the account has no username.</source>
        <translation>未登录：此账户没有用户名。</translation>
    </message>
    <message>
        <source>Said goodbye; no message was sent.</source>
        <translation>已正常退出；未发送任何邮件。</translation>
    </message>
    <message>
        <source>The server presented no certificate.</source>
        <translation>服务器未提供证书。</translation>
    </message>
    <message>
        <source>Issued to: %1</source>
        <translation>颁发给：%1</translation>
    </message>
    <message>
        <source>Issued by: %1</source>
        <translation>颁发者：%1</translation>
    </message>
    <message>
        <source>Valid from %1 to %2</source>
        <translation>有效期：%1 至 %2</translation>
    </message>
    <message>
        <source>(expired)</source>
        <translation>（已过期）</translation>
    </message>
    <message>
        <source>(not valid yet)</source>
        <translation>（尚未生效）</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint: %1</source>
        <translation>SHA-256 指纹：%1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS</translation>
    </message>
    <message>
        <source>No encryption: the password and the messages travel in clear. Use it only for a relay on your own network.</source>
        <translation>不加密：密码和邮件以明文传输。仅可用于您自己网络内的中继服务器。</translation>
    </message>
    <message>
        <source>Starts in plain text and switches to encryption before signing in (usually port 587). Bulkmail stops if the server cannot encrypt.</source>
        <translation>先以明文连接，在登录前切换为加密（通常为端口 587）。如果服务器无法加密，Bulkmail 会停止。</translation>
    </message>
    <message>
        <source>Encrypted from the first byte (usually port 465).</source>
        <translation>从第一个字节起即加密（通常为端口 465）。</translation>
    </message>
    <message>
        <source>%1: %2 (source: &lt;a href=&quot;%3&quot;&gt;%4&lt;/a&gt;)</source>
        <translation>%1：%2（来源：&lt;a href=&quot;%3&quot;&gt;%4&lt;/a&gt;）</translation>
    </message>
    <message>
        <source>%1: not published</source>
        <translation>%1：未公布</translation>
    </message>
    <message>
        <source>Other server</source>
        <translation>其他服务器</translation>
    </message>
    <message>
        <source>%1.</source>
        <comment>a sentence made of the clause before</comment>
        <translation>%1。</translation>
    </message>
    <message>
        <source>Enter the Client ID: your IT department can give it to you.</source>
        <translation>请填写“客户端 ID”：您的 IT 部门可以提供。</translation>
    </message>
    <message>
        <source>The Tenant “%1” is not one: enter common, organizations, consumers, your organisation&apos;s tenant ID or its domain.</source>
        <translation>“%1”不是有效的“租户”：请填写 common、organizations、consumers、贵组织的租户 ID 或其域名。</translation>
    </message>
    <message>
        <source>Enter the Sign-in page of your organisation&apos;s server.</source>
        <translation>请填写贵组织服务器的“登录页面”。</translation>
    </message>
    <message>
        <source>Enter the Token address of your organisation&apos;s server.</source>
        <translation>请填写贵组织服务器的“令牌地址”。</translation>
    </message>
    <message>
        <source>Enter the Scope: what the sign-in must allow, as your server names it.</source>
        <translation>请填写“权限范围”：即登录必须允许的内容，按您的服务器的叫法填写。</translation>
    </message>
    <message>
        <source>The Sign-in page “%1” must start with https:// (http:// only for this computer).</source>
        <translation>“登录页面”“%1”必须以 https:// 开头（仅本机地址可用 http://）。</translation>
    </message>
    <message>
        <source>The Token address “%1” must start with https:// (http:// only for this computer).</source>
        <translation>“令牌地址”“%1”必须以 https:// 开头（仅本机地址可用 http://）。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::BounceWatchController</name>
    <message>
        <source>Watching the mailbox for bounces while sending</source>
        <translation>发送期间正在监视邮箱中的退信</translation>
    </message>
    <message>
        <source>Watching the mailbox for bounces until %1</source>
        <translation>正在监视邮箱中的退信，直到 %1</translation>
    </message>
</context>
<context>
    <name>Bulkmail::BouncesDialog</name>
    <message>
        <source>Mailbox watch</source>
        <translation>邮箱监视</translation>
    </message>
    <message>
        <source>Bounces</source>
        <translation>退信</translation>
    </message>
    <message>
        <source>Unsubscribe requests</source>
        <translation>退订请求</translation>
    </message>
    <message>
        <source>&amp;Unsubscribe requests waiting for you:</source>
        <translation>等待您处理的退订请求(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Bounces:</source>
        <translation>退信(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Add to Suppression List</source>
        <translation>加入禁发名单(&amp;A)</translation>
    </message>
    <message>
        <source>Never mail the selected people again from this account (all waiting requests when none is selected).</source>
        <translation>此账户不再给所选的人发信（未选择时为全部等待中的请求）。</translation>
    </message>
    <message>
        <source>Bounces status</source>
        <translation>退信状态</translation>
    </message>
    <message>
        <source>Bounces of “%1”</source>
        <translation>“%1”的退信</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) added to the suppression list.</source>
        <translation>
            <numerusform>已将 %n 个地址加入禁发名单。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n bounce(s): %1 hard (never mailed again from this account), %2 soft (a full mailbox, a delay). %3 unsubscribe request(s) waiting.</source>
        <translation>
            <numerusform>%n 封退信：%1 封硬退信（此账户不再向其发信），%2 封软退信（邮箱已满、延迟）。%3 个退订请求等待处理。</numerusform>
        </translation>
    </message>
    <message>
        <source>Reading the campaign’s bounces…</source>
        <translation>正在读取此活动的退信…</translation>
    </message>
    <message numerus="yes">
        <source>Adding %n address(es) to the suppression list…</source>
        <translation>
            <numerusform>正在将 %n 个地址加入禁发名单…</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::CampaignDocument</name>
    <message>
        <source>Edit Subject</source>
        <translation>编辑主题</translation>
    </message>
    <message>
        <source>Edit Message Text</source>
        <translation>编辑邮件正文</translation>
    </message>
    <message>
        <source>Edit HTML Message</source>
        <translation>编辑 HTML 邮件</translation>
    </message>
    <message>
        <source>Edit Sender</source>
        <translation>编辑发件人</translation>
    </message>
    <message>
        <source>Edit Reply-To</source>
        <translation>编辑回复地址</translation>
    </message>
    <message>
        <source>Change Attachments</source>
        <translation>更改附件</translation>
    </message>
    <message>
        <source>Change Setting</source>
        <translation>更改设置</translation>
    </message>
    <message>
        <source>Untitled campaign</source>
        <translation>未命名群发任务</translation>
    </message>
    <message>
        <source>Rename Campaign</source>
        <translation>重命名群发任务</translation>
    </message>
    <message>
        <source>Change Sign-In Method</source>
        <translation>更改登录方式</translation>
    </message>
    <message>
        <source>Sign In</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Edit Cc</source>
        <translation>编辑抄送</translation>
    </message>
    <message>
        <source>Edit Bcc</source>
        <translation>编辑密送</translation>
    </message>
    <message>
        <source>Change Personal Files</source>
        <translation>更改个人附件</translation>
    </message>
    <message>
        <source>Change Copies in Sent</source>
        <translation>更改“已发送”副本设置</translation>
    </message>
    <message>
        <source>Change Mailbox Setting</source>
        <translation>更改邮箱设置</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionPool</name>
    <message>
        <source>could not connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTableModel</name>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>已关闭</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message numerus="yes">
        <source>limit of %n message(s) reached</source>
        <translation>
            <numerusform>已达到 %n 封邮件的上限</numerusform>
        </translation>
    </message>
    <message>
        <source>open for %1, the age limit</source>
        <translation>已打开 %1，达到时长上限</translation>
    </message>
    <message>
        <source>age limit reached</source>
        <translation>已达到时长上限</translation>
    </message>
    <message>
        <source>idle for %1</source>
        <translation>空闲 %1</translation>
    </message>
    <message>
        <source>idle, nothing left to send</source>
        <translation>空闲，没有待发送的邮件</translation>
    </message>
    <message>
        <source>server closed it (421)</source>
        <translation>服务器关闭了连接（421）</translation>
    </message>
    <message>
        <source>server hung up</source>
        <translation>服务器断开了连接</translation>
    </message>
    <message>
        <source>connection error</source>
        <translation>连接错误</translation>
    </message>
    <message>
        <source>server stopped answering</source>
        <translation>服务器停止响应</translation>
    </message>
    <message>
        <source>server reply not understood</source>
        <translation>无法识别服务器的回复</translation>
    </message>
    <message>
        <source>campaign finished</source>
        <translation>群发任务已完成</translation>
    </message>
    <message>
        <source>sending cancelled</source>
        <translation>发送已取消</translation>
    </message>
    <message>
        <source>health check failed</source>
        <translation>健康检查失败</translation>
    </message>
    <message>
        <source>server allows fewer connections</source>
        <translation>服务器要求减少连接数</translation>
    </message>
    <message>
        <source>Bulkmail learns of a connection once it is ready to send (connected, encrypted and logged in); &quot;sending&quot; means a second message started on it.</source>
        <translation>连接准备好发送（已连接、已加密并已登录）后，Bulkmail 才会记录它；“发送中”表示该连接上已开始发送第二封邮件。</translation>
    </message>
    <message>
        <source>Encryption: %1. Logged in.</source>
        <translation>加密：%1。已登录。</translation>
    </message>
    <message>
        <source>Encryption: %1.</source>
        <translation>加密：%1。</translation>
    </message>
    <message>
        <source>Messages delivered on this connection.</source>
        <translation>此连接上投递的邮件数。</translation>
    </message>
    <message>
        <source>Messages started on this connection so far; the number delivered shows when it closes.</source>
        <translation>此连接上目前已开始发送的邮件数；投递数量在连接关闭时显示。</translation>
    </message>
    <message>
        <source>Messages after the first: each one a connection and login saved.</source>
        <translation>第一封之后的邮件数：每一封都节省了一次连接和登录。</translation>
    </message>
    <message>
        <source>Reason: %1</source>
        <translation>原因：%1</translation>
    </message>
    <message>
        <source>The server answered QUIT.</source>
        <translation>服务器已响应 QUIT。</translation>
    </message>
    <message>
        <source>Closed without a QUIT answer.</source>
        <translation>关闭时未收到 QUIT 响应。</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Encryption</source>
        <translation>加密</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>打开时间</translation>
    </message>
    <message>
        <source>Messages</source>
        <translation>邮件</translation>
    </message>
    <message>
        <source>Reused</source>
        <translation>复用</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>关闭时间</translation>
    </message>
    <message>
        <source>Why it closed</source>
        <translation>关闭原因</translation>
    </message>
    <message>
        <source>How many times the connection was reused: messages after the first.</source>
        <translation>连接被复用的次数：即第一封之后的邮件数。</translation>
    </message>
    <message>
        <source>connecting</source>
        <translation>连接中</translation>
    </message>
    <message>
        <source>TLS</source>
        <translation>TLS 加密中</translation>
    </message>
    <message>
        <source>authenticating</source>
        <translation>登录中</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>closing</source>
        <translation>关闭中</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Details: %1</source>
        <translation>详情：%1</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTest</name>
    <message>
        <source>The test was cancelled.</source>
        <translation>测试已取消。</translation>
    </message>
    <message>
        <source>The trusted certificate file &quot;%1&quot; cannot be read as a PEM certificate.</source>
        <translation>无法将受信任的证书文件“%1”作为 PEM 证书读取。</translation>
    </message>
    <message>
        <source>Connecting to %1...</source>
        <translation>正在连接 %1...</translation>
    </message>
    <message>
        <source>Connected. Setting up TLS...</source>
        <translation>已连接。正在建立 TLS...</translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation>服务器拒绝了连接：%1</translation>
    </message>
    <message>
        <source>The server does not offer STARTTLS, so the password and the messages would travel unencrypted. Bulkmail refuses to continue. If the server uses TLS from the start (usually port 465), choose &quot;TLS&quot;.</source>
        <translation>服务器不支持 STARTTLS，密码和邮件将以未加密方式传输。Bulkmail 拒绝继续。如果服务器从一开始就使用 TLS（通常为端口 465），请选择“TLS”。</translation>
    </message>
    <message>
        <source>The server refused to start TLS: %1</source>
        <translation>服务器拒绝启动 TLS：%1</translation>
    </message>
    <message>
        <source>The server name &quot;%1&quot; was not found. Check its spelling, and that this computer is connected to the internet.</source>
        <translation>找不到服务器名称“%1”。请检查拼写，并确认此计算机已连接到互联网。</translation>
    </message>
    <message>
        <source>%1 refused the connection. Check the port number (usually 587 with STARTTLS or 465 with TLS).</source>
        <translation>%1 拒绝了连接。请检查端口号（STARTTLS 通常为 587，TLS 通常为 465）。</translation>
    </message>
    <message>
        <source>The server closed the connection while TLS was being set up. Port 465 usually uses TLS from the start and port 587 uses STARTTLS: check the security setting.</source>
        <translation>建立 TLS 时服务器关闭了连接。端口 465 通常从一开始就使用 TLS，端口 587 使用 STARTTLS：请检查安全性设置。</translation>
    </message>
    <message>
        <source>%1 closed the connection unexpectedly.</source>
        <translation>%1 意外关闭了连接。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not trusted: %1.</source>
        <translation>服务器的证书不受信任：%1。</translation>
    </message>
    <message>
        <source>TLS could not be set up with %1 (%2). Port 465 usually uses TLS from the start and port 587 uses STARTTLS: check the security setting.</source>
        <translation>无法与 %1 建立 TLS（%2）。端口 465 通常从一开始就使用 TLS，端口 587 使用 STARTTLS：请检查安全性设置。</translation>
    </message>
    <message>
        <source>No answer from %1 within %2 s. A firewall may block port %3, or the server is down.</source>
        <translation>%1 在 %2 秒内没有响应。可能是防火墙阻止了端口 %3，或服务器已停机。</translation>
    </message>
    <message>
        <source>%1 accepted the connection but sent no greeting within %2 s.</source>
        <translation>%1 接受了连接，但在 %2 秒内没有发送问候信息。</translation>
    </message>
    <message>
        <source>%1 accepted the connection but sent no greeting within %2 s. If this port expects TLS from the start (usually 465), choose &quot;TLS&quot;.</source>
        <translation>%1 接受了连接，但在 %2 秒内没有发送问候信息。如果此端口要求从一开始就使用 TLS（通常为 465），请选择“TLS”。</translation>
    </message>
    <message>
        <source>TLS could not be set up with %1 within %2 s.</source>
        <translation>无法在 %2 秒内与 %1 建立 TLS。</translation>
    </message>
    <message>
        <source>%1 stopped answering (no reply within %2 s).</source>
        <translation>%1 停止响应（%2 秒内无回复）。</translation>
    </message>
    <message>
        <source>Signing in as %1...</source>
        <translation>正在以 %1 身份登录...</translation>
    </message>
    <message>
        <source>Signed in. Saying goodbye...</source>
        <translation>已登录。正在退出...</translation>
    </message>
    <message>
        <source>The server refused the username or password: %1. Some providers want an app password or an authorization code here instead of the account&apos;s password.</source>
        <translation>服务器拒绝了用户名或密码：%1。某些服务商要求在此处填写应用专用密码或授权码，而不是账户密码。</translation>
    </message>
    <message>
        <source>Signing in failed: %1</source>
        <translation>登录失败：%1</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>服务器拒绝了登录：%1</translation>
    </message>
    <message>
        <source>Connected. Saying goodbye...</source>
        <translation>已连接。正在退出...</translation>
    </message>
    <message>
        <source>The server at %1 does not speak SMTP (%2). Check the port number.</source>
        <translation>%1 上的服务器不使用 SMTP 协议（%2）。请检查端口号。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTestPanel</name>
    <message>
        <source>&amp;Test Connection</source>
        <translation>测试连接(&amp;T)</translation>
    </message>
    <message>
        <source>Connects, sets up encryption, signs in and says goodbye. No message is sent.</source>
        <translation>连接服务器、建立加密、登录，然后正常退出。不会发送任何邮件。</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>连接测试结果</translation>
    </message>
    <message>
        <source>The server&apos;s certificate</source>
        <translation>服务器的证书</translation>
    </message>
    <message>
        <source>Certificate details</source>
        <translation>证书详细信息</translation>
    </message>
    <message>
        <source>Trust This Certificate for This Account</source>
        <translation>为此账户信任此证书</translation>
    </message>
    <message>
        <source>The test was cancelled.</source>
        <translation>测试已取消。</translation>
    </message>
    <message>
        <source>Enter the server&apos;s name first.</source>
        <translation>请先输入服务器名称。</translation>
    </message>
    <message>
        <source>&amp;Cancel Test</source>
        <translation>取消测试(&amp;C)</translation>
    </message>
    <message>
        <source>Testing...</source>
        <translation>正在测试...</translation>
    </message>
    <message>
        <source>Problems: %1</source>
        <translation>问题：%1</translation>
    </message>
    <message>
        <source>Only trust it if you know this server uses its own certificate (for example your company&apos;s mail server) and the fingerprint matches what its administrator gives you. Bulkmail then accepts exactly this certificate for this account, and still checks the server&apos;s name and the dates.</source>
        <translation>只有在您确认此服务器使用自有证书（例如公司的邮件服务器），并且指纹与其管理员提供的一致时，才应信任它。之后 Bulkmail 对此账户只接受这一个证书，并且仍会检查服务器名称和有效期。</translation>
    </message>
    <message>
        <source>Trusting this certificate would not fix this: it is for another server name or out of date. Check the server name, or ask the mail administrator.</source>
        <translation>信任此证书也无法解决问题：它属于另一个服务器名称，或不在有效期内。请检查服务器名称，或咨询邮件管理员。</translation>
    </message>
    <message>
        <source>Cannot create the folder &quot;%1&quot;.</source>
        <translation>无法创建文件夹“%1”。</translation>
    </message>
    <message>
        <source>Cannot save the certificate: %1</source>
        <translation>无法保存证书：%1</translation>
    </message>
    <message>
        <source>This certificate is now trusted for this account (saved in &quot;%1&quot;). Test the connection again to check.</source>
        <translation>此账户现已信任该证书（保存在“%1”中）。请再次测试连接进行检查。</translation>
    </message>
    <message>
        <source>Sign in first: press &quot;Sign In…&quot;.</source>
        <translation>请先登录：点击“登录…”。</translation>
    </message>
    <message>
        <source>Getting a sign-in token...</source>
        <translation>正在获取登录令牌...</translation>
    </message>
    <message>
        <source>Not signed in as %1 on this computer: press &quot;Sign In…&quot; first.</source>
        <translation>此计算机上尚未以 %1 身份登录：请先点击“登录…”。</translation>
    </message>
    <message>
        <source>The sign-in is no longer valid (%1): press &quot;Sign In…&quot; again.</source>
        <translation>登录已失效（%1）：请重新点击“登录…”。</translation>
    </message>
    <message>
        <source>Could not get a sign-in token: %1</source>
        <translation>无法获取登录令牌：%1</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionTimeline</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 分钟</translation>
    </message>
    <message>
        <source>Connection timeline</source>
        <translation>连接时间线</translation>
    </message>
    <message>
        <source>One lane per connection: a tick for each message, a diamond for each health check. +/- zoom, 0 fits, arrows pick a connection.</source>
        <translation>每个连接一条泳道：每封邮件一个刻度，每次健康检查一个菱形。按 +/- 缩放，按 0 适应窗口，按方向键选择连接。</translation>
    </message>
    <message>
        <source>#%1 %2</source>
        <translation>#%1 %2</translation>
    </message>
    <message numerus="yes">
        <source>, %n health check(s), %1 failed</source>
        <translation>
            <numerusform>，%n 次健康检查，%1 次失败</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n health check(s)</source>
        <translation>
            <numerusform>，%n 次健康检查</numerusform>
        </translation>
    </message>
    <message>
        <source>No connections yet.</source>
        <translation>尚无连接。</translation>
    </message>
    <message numerus="yes">
        <source>and %n more</source>
        <translation>
            <numerusform>另有 %n 个</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>#%1 closed after %Ln message(s) (%2)</source>
        <translation>
            <numerusform>#%1 在发送 %Ln 封邮件后关闭（%2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>#%1 %2, %Ln message(s) so far</source>
        <translation>
            <numerusform>#%1 %2，目前 %Ln 封邮件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s): %1.</source>
        <translation>
            <numerusform>%Ln 个连接：%1。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::ConnectionView</name>
    <message>
        <source>Each reused connection saves a new connection and login: providers limit both, and both take time.</source>
        <translation>每复用一次连接，就省去一次新建连接和登录：服务商对两者都有限制，而且两者都需要时间。</translation>
    </message>
    <message>
        <source>Connections</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>No connections opened yet.</source>
        <translation>尚未打开任何连接。</translation>
    </message>
    <message>
        <source>on average %1 messages per connection (limit %2)</source>
        <translation>平均每个连接 %1 封邮件（上限 %2 封）</translation>
    </message>
    <message>
        <source>on average %1 messages per connection</source>
        <translation>平均每个连接 %1 封邮件</translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) opened</source>
        <translation>
            <numerusform>已打开 %Ln 个连接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>reuse saved %Ln connection(s)</source>
        <translation>
            <numerusform>复用节省了 %Ln 个连接</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::CsvImportDialog</name>
    <message>
        <source>comma</source>
        <translation>逗号</translation>
    </message>
    <message>
        <source>semicolon</source>
        <translation>分号</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Import Recipients</source>
        <translation>导入收件人</translation>
    </message>
    <message>
        <source>Automatic</source>
        <translation>自动</translation>
    </message>
    <message>
        <source>Comma (,)</source>
        <translation>逗号 (,)</translation>
    </message>
    <message>
        <source>Semicolon (;)</source>
        <translation>分号 (;)</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>制表符</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>The character between the columns of the file</source>
        <translation>文件中各列之间的分隔字符</translation>
    </message>
    <message>
        <source>Other delimiter</source>
        <translation>其他分隔符</translation>
    </message>
    <message>
        <source>How the file&apos;s text is stored. Excel on Chinese Windows saves GB18030; choose another encoding if names look garbled in the preview.</source>
        <translation>文件中文本的存储编码。中文 Windows 上的 Excel 保存为 GB18030；如果预览中的姓名显示为乱码，请选择其他编码。</translation>
    </message>
    <message>
        <source>The column that holds the email addresses</source>
        <translation>包含邮箱地址的列</translation>
    </message>
    <message>
        <source>The column that holds the recipients&apos; names (optional)</source>
        <translation>包含收件人姓名的列（可选）</translation>
    </message>
    <message>
        <source>&amp;Add to the current list</source>
        <translation>添加到当前列表(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Replace the current list</source>
        <translation>替换当前列表(&amp;R)</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>&amp;Delimiter:</source>
        <translation>分隔符(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Encoding:</source>
        <translation>编码(&amp;E)：</translation>
    </message>
    <message>
        <source>E&amp;mail column:</source>
        <translation>邮箱列(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Name column:</source>
        <translation>姓名列(&amp;N)：</translation>
    </message>
    <message>
        <source>Import:</source>
        <translation>导入方式：</translation>
    </message>
    <message>
        <source>Preview of the first rows</source>
        <translation>前几行预览</translation>
    </message>
    <message>
        <source>&amp;Preview (the first %1 rows as they will be imported):</source>
        <translation>预览(&amp;P)（前 %1 行，即导入后的样子）：</translation>
    </message>
    <message>
        <source>Problems found in the file</source>
        <translation>文件中发现的问题</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Automatic (%1)</source>
        <translation>自动（%1）</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Not a valid email address: the row is imported and flagged</source>
        <translation>不是有效的邮箱地址：此行会被导入并加以标记</translation>
    </message>
    <message>
        <source>Line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>This file cannot be imported as it is.</source>
        <translation>此文件无法按原样导入。</translation>
    </message>
    <message>
        <source>1 recipient</source>
        <translation>1 个收件人</translation>
    </message>
    <message>
        <source>%1 recipients</source>
        <translation>%1 个收件人</translation>
    </message>
    <message>
        <source>no merge fields</source>
        <translation>无合并字段</translation>
    </message>
    <message>
        <source>merge fields: %1</source>
        <translation>合并字段：%1</translation>
    </message>
    <message>
        <source>%1; %2; encoding %3; delimiter %4.</source>
        <translation>%1；%2；编码 %3；分隔符 %4。</translation>
    </message>
    <message>
        <source>line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>Hidden sheets were not imported: %1. Choose one under Sheet to import it.</source>
        <translation>隐藏的工作表未导入：%1。如需导入，请在“工作表”中选择。</translation>
    </message>
    <message>
        <source>Rows hidden in the workbook are imported like the others: %1.</source>
        <translation>工作簿中隐藏的行与其他行一样被导入：%1。</translation>
    </message>
    <message>
        <source>The header row has merged cells (%1): the columns they cover have no name of their own.</source>
        <translation>标题行含有合并单元格（%1）：被合并的列没有自己的列名。</translation>
    </message>
    <message>
        <source>Rows above the header were skipped: %1.</source>
        <translation>已跳过标题行上方的行：%1。</translation>
    </message>
    <message>
        <source>The sheet of the workbook that holds the list</source>
        <translation>工作簿中存放名单的工作表</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1（隐藏）</translation>
    </message>
    <message>
        <source>Row %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>%1; %2; sheet %3, header in row %4.</source>
        <translation>%1；%2；工作表 %3，标题在第 %4 行。</translation>
    </message>
    <message>
        <source>row %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
    <message>
        <source>e.g. |</source>
        <translation>例如 |</translation>
    </message>
    <message>
        <source>The character between the columns</source>
        <translation>列与列之间的字符</translation>
    </message>
    <message>
        <source>Rename Col&amp;umn...</source>
        <translation>重命名列(&amp;U)...</translation>
    </message>
    <message>
        <source>Give the merge field of the current column another name (or double-click its header)</source>
        <translation>为当前列的合并字段改名（或双击其列标题）</translation>
    </message>
    <message>
        <source>The file cannot be imported as it is.</source>
        <translation>此文件无法按原样导入。</translation>
    </message>
    <message>
        <source>There is no merge field %1.</source>
        <translation>没有名为 %1 的合并字段。</translation>
    </message>
    <message>
        <source>Another column is already called %1.</source>
        <translation>已有另一列名为 %1。</translation>
    </message>
    <message>
        <source>Rename Column</source>
        <translation>重命名列</translation>
    </message>
    <message>
        <source>Merge field name for the column &quot;%1&quot; (empty restores the file&apos;s name):</source>
        <translation>列“%1”的合并字段名（留空则恢复文件中的列名）：</translation>
    </message>
    <message>
        <source>Double-click to rename this merge field</source>
        <translation>双击可重命名此合并字段</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
</context>
<context>
    <name>Bulkmail::FeedbackListModel</name>
    <message>
        <source>Hard (%1)</source>
        <translation>硬退信（%1）</translation>
    </message>
    <message>
        <source>Soft (%1)</source>
        <translation>软退信（%1）</translation>
    </message>
    <message>
        <source>On the suppression list</source>
        <translation>已在禁发名单中</translation>
    </message>
    <message>
        <source>Waiting for your confirmation</source>
        <translation>等待您确认</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Hard or soft</source>
        <translation>硬退信或软退信</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>The report&apos;s words</source>
        <translation>退信原文</translation>
    </message>
    <message>
        <source>The request</source>
        <translation>请求</translation>
    </message>
    <message>
        <source>Reporting server</source>
        <translation>报告服务器</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
</context>
<context>
    <name>Bulkmail::GuideDialog</name>
    <message>
        <source>Getting Started with Bulkmail</source>
        <translation>Bulkmail 入门</translation>
    </message>
    <message>
        <source>Getting started guide</source>
        <translation>入门指南</translation>
    </message>
    <message>
        <source>What is a rehearsal?</source>
        <translation>什么是演练？</translation>
    </message>
    <message>
        <source>A rehearsal sends every message of the campaign to a small mail server inside Bulkmail, the sandbox, which keeps them and delivers none. Open the Sandbox Outbox to see each message as its recipient would, and the Connections tab to watch how they went out. A rehearsal never changes what a real send does: afterwards every recipient still gets the message once. Rehearse first, then clear &quot;Rehearse&quot; and start sending for real.</source>
        <translation>演练会把群发任务的每封邮件发送到 Bulkmail 内置的小型邮件服务器（沙盒），沙盒保存这些邮件，一封也不投递。打开“沙盒发件箱”可以看到每封邮件在收件人眼中的样子，打开“连接”标签页可以看到它们是如何发出的。演练不会改变真正发送的结果：之后每个收件人仍会收到一次邮件。请先演练，然后取消勾选“演练”，再正式发送。</translation>
    </message>
    <message>
        <source>Why reuse connections?</source>
        <translation>为什么要复用连接？</translation>
    </message>
    <message>
        <source>Opening a connection to the mail server, encrypting it and signing in takes several round trips. Bulkmail keeps a connection open and sends many messages over it (the limit is in Account and Sending), so sending is faster and the server sees one sign-in instead of hundreds; many providers slow down or block an account that reconnects for every message.</source>
        <translation>连接邮件服务器、加密并登录需要多次往返。Bulkmail 会保持连接打开，并通过它发送多封邮件（上限在“账户与发送”中设置），因此发送更快，服务器也只看到一次登录而不是数百次；许多邮件服务商会限速或封禁每封邮件都重新连接的账户。</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
</context>
<context>
    <name>Bulkmail::LogModel</name>
    <message>
        <source>trace</source>
        <translation>跟踪</translation>
    </message>
    <message>
        <source>debug</source>
        <translation>调试</translation>
    </message>
    <message>
        <source>info</source>
        <translation>信息</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>critical</source>
        <translation>严重</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>级别</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
</context>
<context>
    <name>Bulkmail::LogPanel</name>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>All lines</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Info and above</source>
        <translation>信息及以上</translation>
    </message>
    <message>
        <source>Warnings and errors</source>
        <translation>警告和错误</translation>
    </message>
    <message>
        <source>Errors only</source>
        <translation>仅错误</translation>
    </message>
    <message>
        <source>&amp;Show:</source>
        <translation>显示(&amp;S)：</translation>
    </message>
    <message>
        <source>All connections</source>
        <translation>所有连接</translation>
    </message>
    <message>
        <source>C&amp;onnection:</source>
        <translation>连接(&amp;O)：</translation>
    </message>
    <message>
        <source>Text in the message</source>
        <translation>消息中的文字</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Pause auto-scroll</source>
        <translation>暂停自动滚动(&amp;P)</translation>
    </message>
    <message>
        <source>Keep the view where it is while new lines arrive.</source>
        <translation>有新行时保持视图位置不变。</translation>
    </message>
    <message>
        <source>&amp;Save…</source>
        <translation>保存(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the lines shown to a text file.</source>
        <translation>将显示的行保存到文本文件。</translation>
    </message>
    <message>
        <source>Open log &amp;folder</source>
        <translation>打开日志文件夹(&amp;F)</translation>
    </message>
    <message>
        <source>Show the folder with the full log files.</source>
        <translation>显示存放完整日志文件的文件夹。</translation>
    </message>
    <message>
        <source>Log lines</source>
        <translation>日志行</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>&amp;Copy lines</source>
        <translation>复制行(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save lines shown…</source>
        <translation>保存显示的行(&amp;S)…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln older line(s) are in the log file</source>
        <translation>
            <numerusform>更早的 %Ln 行位于日志文件中</numerusform>
        </translation>
    </message>
    <message>
        <source>Could not save the log lines to %1: %2</source>
        <translation>无法将日志行保存到 %1：%2</translation>
    </message>
    <message>
        <source>Save log lines</source>
        <translation>保存日志行</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>Bulkmail::MailboxSettingsWidget</name>
    <message>
        <source>Mailbox (IMAP)</source>
        <translation>邮箱（IMAP）</translation>
    </message>
    <message>
        <source>&amp;Keep a copy of each sent message in the Sent folder</source>
        <translation>在“已发送”文件夹中保留每封已发邮件的副本(&amp;K)</translation>
    </message>
    <message>
        <source>So that you and your colleagues see what went out, and replies thread with it. A provider that files sent mail by itself is noticed, and no second copy is made.</source>
        <translation>这样您和同事都能看到发出了什么，回复也会与之归入同一会话。如果服务商会自行保存已发邮件，Bulkmail 会发现这一点，不会再保存第二份副本。</translation>
    </message>
    <message>
        <source>imap.example.org</source>
        <translation>imap.example.org</translation>
    </message>
    <message>
        <source>IMAP ser&amp;ver:</source>
        <translation>IMAP 服务器(&amp;V)：</translation>
    </message>
    <message>
        <source>Usually 993 with TLS, or 143 with STARTTLS.</source>
        <translation>TLS 通常为 993，STARTTLS 通常为 143。</translation>
    </message>
    <message>
        <source>IMAP po&amp;rt:</source>
        <translation>IMAP 端口(&amp;R)：</translation>
    </message>
    <message>
        <source>IMAP sec&amp;urity:</source>
        <translation>IMAP 安全性(&amp;U)：</translation>
    </message>
    <message>
        <source>IMAP user&amp;name:</source>
        <translation>IMAP 用户名(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Advanced</source>
        <translation>高级(&amp;A)</translation>
    </message>
    <message>
        <source>The Sent folder&apos;s name and a certificate to trust: most accounts need neither.</source>
        <translation>“已发送”文件夹的名称和要信任的证书：大多数账户都不需要设置。</translation>
    </message>
    <message>
        <source>Found by itself (the folder the server marks as Sent)</source>
        <translation>自动查找（服务器标记为“已发送”的文件夹）</translation>
    </message>
    <message>
        <source>Sent &amp;folder:</source>
        <translation>“已发送”文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>Only if the copies should go elsewhere: the folder&apos;s name as the mailbox shows it (for example &quot;Sent Items&quot; or &quot;已发送&quot;).</source>
        <translation>仅当副本要保存到别处时填写：填写邮箱中显示的文件夹名称（例如“Sent Items”或“已发送”）。</translation>
    </message>
    <message>
        <source>None: the system&apos;s certificate authorities</source>
        <translation>无：使用系统的证书颁发机构</translation>
    </message>
    <message>
        <source>Choo&amp;se...</source>
        <translation>选择(&amp;S)...</translation>
    </message>
    <message>
        <source>Choose the mailbox&apos;s certificate</source>
        <translation>选择邮箱服务器的证书</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Clear the mailbox&apos;s certificate</source>
        <translation>清除邮箱服务器的证书</translation>
    </message>
    <message>
        <source>Only for a mailbox server with its own (self-signed or company) certificate: the PEM file of that certificate, as for the sending server. Everything else is still checked.</source>
        <translation>仅适用于使用自有证书（自签名证书或公司证书）的邮箱服务器：选择该证书的 PEM 文件，与发件服务器相同。其他各项仍会照常检查。</translation>
    </message>
    <message>
        <source>Trusted certificate for I&amp;MAP:</source>
        <translation>IMAP 受信任的证书(&amp;M)：</translation>
    </message>
    <message>
        <source>The username of the sending server</source>
        <translation>发件服务器的用户名</translation>
    </message>
    <message>
        <source>%1 (the username of the sending server)</source>
        <translation>%1（发件服务器的用户名）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PEM certificate file.</source>
        <translation>“%1”不是 PEM 证书文件。</translation>
    </message>
    <message>
        <source>Choose the Mailbox Server&apos;s Certificate</source>
        <translation>选择邮箱服务器的证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>The mailbox signs in with this account&apos;s password, kept in this computer&apos;s keychain: there is no second password to enter.</source>
        <translation>邮箱使用此账户的密码登录，该密码保存在此计算机的系统密钥环中：无需再输入第二个密码。</translation>
    </message>
    <message>
        <source>Mailbox sign-in</source>
        <translation>邮箱登录方式</translation>
    </message>
    <message>
        <source>The mailbox signs in with this account&apos;s %1 sign-in (OAuth2), as sending does: there is no password to enter.</source>
        <translation>邮箱与发送邮件一样，使用此账户的 %1 登录（OAuth2）：无需输入密码。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::MainWindow</name>
    <message>
        <source>Bulkmail campaigns (*.%1);;All files (*)</source>
        <translation>Bulkmail 群发任务 (*.%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>For example: Spring newsletter</source>
        <translation>例如：春季简报</translation>
    </message>
    <message>
        <source>Campaign &amp;name:</source>
        <translation>群发任务名称(&amp;N)：</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>邮件(&amp;M)</translation>
    </message>
    <message>
        <source>Pre&amp;view</source>
        <translation>预览(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Account and Sending</source>
        <translation>账户与发送(&amp;A)</translation>
    </message>
    <message>
        <source>Message, preview and account</source>
        <translation>邮件、预览和账户</translation>
    </message>
    <message>
        <source>Se&amp;nd</source>
        <translation>发送(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Connections</source>
        <translation>连接(&amp;C)</translation>
    </message>
    <message>
        <source>Sandbo&amp;x Outbox</source>
        <translation>沙盒发件箱(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;New Campaign</source>
        <translation>新建群发任务(&amp;N)</translation>
    </message>
    <message>
        <source>Start a new campaign</source>
        <translation>新建一个群发任务</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a campaign file</source>
        <translation>打开群发任务文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the campaign</source>
        <translation>保存群发任务</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Send a &amp;Test Message…</source>
        <translation>发送测试邮件(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Log</source>
        <translation>日志(&amp;L)</translation>
    </message>
    <message>
        <source>Sandbox &amp;Outbox</source>
        <translation>沙盒发件箱(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Pause or Resume</source>
        <translation>暂停或继续(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Cancel Sending</source>
        <translation>取消发送(&amp;C)</translation>
    </message>
    <message>
        <source>Open the &amp;Sample Campaign</source>
        <translation>打开示例群发任务(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Bulkmail</source>
        <translation>关于 Bulkmail(&amp;A)</translation>
    </message>
    <message>
        <source>About Bulkmail</source>
        <translation>关于 Bulkmail</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Bulkmail&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;Sends one personalised message to a list of recipients through your organisation&apos;s mail server, reusing each connection for many messages.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;Bulkmail&lt;/b&gt; %1&lt;/p&gt;&lt;p&gt;通过您所在组织的邮件服务器，向收件人列表中的每个人发送一封个性化邮件，并为多封邮件复用同一个连接。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Sending Stopped</source>
        <translation>发送已停止</translation>
    </message>
    <message>
        <source>%1[*] — Bulkmail</source>
        <translation>%1[*] — Bulkmail</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>“%1” has changes that are not saved. Save them first?</source>
        <translation>“%1”有尚未保存的更改。要先保存吗？</translation>
    </message>
    <message>
        <source>New campaign</source>
        <translation>已新建群发任务</translation>
    </message>
    <message>
        <source>Open Campaign</source>
        <translation>打开群发任务</translation>
    </message>
    <message>
        <source>Cannot Open Campaign</source>
        <translation>无法打开群发任务</translation>
    </message>
    <message>
        <source>“%1” could not be opened.

%2</source>
        <translation>无法打开“%1”。

%2</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>已打开 %1</translation>
    </message>
    <message>
        <source>Save Campaign</source>
        <translation>保存群发任务</translation>
    </message>
    <message>
        <source>Cannot Save Campaign</source>
        <translation>无法保存群发任务</translation>
    </message>
    <message>
        <source>The campaign was not saved; the file on disk is unchanged.

%1</source>
        <translation>群发任务未保存；磁盘上的文件未作更改。

%1</translation>
    </message>
    <message>
        <source>Saved. The edited recipient list is now kept inside the campaign; the CSV file it came from is unchanged.</source>
        <translation>已保存。编辑过的收件人列表现在保存在群发任务中；其来源 CSV 文件未作更改。</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <source>Could not write the recovery copy: %1</source>
        <translation>无法写入恢复副本：%1</translation>
    </message>
    <message>
        <source>Recover Unsaved Changes</source>
        <translation>恢复未保存的更改</translation>
    </message>
    <message>
        <source>Bulkmail was not closed properly. Changes to “%1” from %2 were not saved. Recover them?</source>
        <translation>Bulkmail 上次未正常关闭。在 %2 对“%1”所做的更改尚未保存。要恢复这些更改吗？</translation>
    </message>
    <message>
        <source>&amp;Recover</source>
        <translation>恢复(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Discard Changes</source>
        <translation>放弃更改(&amp;D)</translation>
    </message>
    <message>
        <source>Decide &amp;Later</source>
        <translation>稍后决定(&amp;L)</translation>
    </message>
    <message>
        <source>Cannot Recover</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>The recovery copy could not be read.

%1</source>
        <translation>无法读取恢复副本。

%1</translation>
    </message>
    <message>
        <source>Recovered unsaved changes; save to keep them.</source>
        <translation>已恢复未保存的更改；请保存以保留这些更改。</translation>
    </message>
    <message>
        <source>Sample Campaign</source>
        <translation>示例群发任务</translation>
    </message>
    <message>
        <source>This is a sample campaign. Press Start Rehearsal: the messages go to the sandbox inside Bulkmail, and nobody receives them.</source>
        <translation>这是一个示例群发任务。点击“开始演练”：邮件会发送到 Bulkmail 内置的沙盒中，不会有人收到。</translation>
    </message>
    <message>
        <source>The send journal could not be read: %1</source>
        <translation>无法读取发送日志：%1</translation>
    </message>
    <message>
        <source>Send a Test Message</source>
        <translation>发送测试邮件</translation>
    </message>
    <message>
        <source>Choose the account to send through first.</source>
        <translation>请先选择用于发送的账户。</translation>
    </message>
    <message>
        <source>Sending in Progress</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>Checking the campaign…</source>
        <translation>正在检查群发任务…</translation>
    </message>
    <message>
        <source>Signed in as %1, but the campaign sends as %2: sign in as %2 to go on.</source>
        <translation>已以 %1 身份登录，但此群发任务以 %2 身份发送：请以 %2 身份登录后继续。</translation>
    </message>
    <message>
        <source>Signed in again: sending goes on.</source>
        <translation>已重新登录：发送继续进行。</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s)</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n second(s)</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Open the Sample Campaign</source>
        <translation>打开示例活动</translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and open the sample campaign? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation>“%1”正在发送。要停止发送并打开示例活动吗？正在途中的邮件会先发完并记录；其余的可以稍后发送，不会让任何人收到两次。</translation>
    </message>
    <message>
        <source>&amp;Stop Sending and Open</source>
        <translation>停止发送并打开(&amp;S)</translation>
    </message>
    <message>
        <source>The list is locked while “%1” is being sent, so that every result reaches the recipient it belongs to. It can be edited again when sending ends.</source>
        <translation>“%1”发送期间收件人列表已锁定，以确保每个结果都记到对应的收件人上。发送结束后即可再次编辑。</translation>
    </message>
    <message>
        <source>New Campaign</source>
        <translation>新建活动</translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and start a new campaign? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation>“%1”正在发送。要停止发送并新建活动吗？正在途中的邮件会先发完并记录；其余的可以稍后发送，不会让任何人收到两次。</translation>
    </message>
    <message>
        <source>&amp;Stop Sending</source>
        <translation>停止发送(&amp;S)</translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and open another campaign? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation>“%1”正在发送。要停止发送并打开另一个活动吗？正在途中的邮件会先发完并记录；其余的可以稍后发送，不会让任何人收到两次。</translation>
    </message>
    <message>
        <source>“%1” is being sent. Stop sending and open “%2”? The messages on their way are finished and recorded first; the rest can be sent later without sending anyone twice.</source>
        <translation>“%1”正在发送。要停止发送并打开“%2”吗？正在途中的邮件会先发完并记录；其余的可以稍后发送，不会让任何人收到两次。</translation>
    </message>
    <message>
        <source>&amp;Keep Sending</source>
        <translation>继续发送(&amp;K)</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>正在停止</translation>
    </message>
    <message>
        <source>Finishing the messages on their way and recording them: Bulkmail waits for the server&apos;s answers, at most %1.</source>
        <translation>正在发完途中的邮件并记录：Bulkmail 等待服务器的答复，最多 %1。</translation>
    </message>
    <message>
        <source>Stop sending “%1” before opening another campaign.</source>
        <translation>请先停止发送“%1”，再打开另一个活动。</translation>
    </message>
    <message>
        <source>Bulkmail is sending. Stop after the messages on their way and close? Bulkmail first waits for the server to confirm them (at most %1) and records them. The rest can be sent later without sending anyone twice.</source>
        <translation>Bulkmail 正在发送。要在途中的邮件发完后停止并关闭吗？Bulkmail 会先等待服务器确认这些邮件（最多 %1）并记录下来。其余的可以稍后发送，不会让任何人收到两次。</translation>
    </message>
    <message>
        <source>Stop and &amp;Close</source>
        <translation>停止并关闭(&amp;C)</translation>
    </message>
    <message>
        <source>&lt;b&gt;New to Bulkmail?&lt;/b&gt; Rehearse first: with &quot;Rehearse&quot; ticked, Start Rehearsal sends every message to the sandbox inside Bulkmail and delivers none, so you can look at them in the Sandbox Outbox. &lt;a href=&quot;guide&quot;&gt;What is a rehearsal, and other first steps&lt;/a&gt; (F1).</source>
        <translation>&lt;b&gt;第一次使用 Bulkmail？&lt;/b&gt;请先演练：勾选“演练”后，“开始演练”会把每封邮件发送到 Bulkmail 内置的沙盒，一封也不投递，你可以在“沙盒发件箱”中查看它们。&lt;a href=&quot;guide&quot;&gt;什么是演练，以及其他入门步骤&lt;/a&gt;（F1）。</translation>
    </message>
    <message>
        <source>First steps</source>
        <translation>入门步骤</translation>
    </message>
    <message>
        <source>Rehearse the campaign in the sandbox inside Bulkmail: nothing is delivered</source>
        <translation>在 Bulkmail 内置的沙盒中演练此群发任务：不投递任何邮件</translation>
    </message>
    <message>
        <source>Check the campaign, confirm, and send it</source>
        <translation>检查群发任务，确认后发送</translation>
    </message>
    <message>
        <source>&amp;Getting Started</source>
        <translation>入门(&amp;G)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Tools</source>
        <translation>工具(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Suppression List…</source>
        <translation>禁发名单(&amp;S)…</translation>
    </message>
    <message>
        <source>The addresses this account never mails again: hard bounces, unsubscribe requests, and the ones you add</source>
        <translation>此账户不再发信的地址：硬退信、退订请求，以及您手动添加的地址</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Campai&amp;gn</source>
        <translation>群发任务(&amp;G)</translation>
    </message>
    <message>
        <source>Campaign, sending, connections and sandbox outbox</source>
        <translation>群发任务、发送、连接和沙盒发件箱</translation>
    </message>
    <message>
        <source>C&amp;ampaign</source>
        <translation>群发任务(&amp;A)</translation>
    </message>
    <message>
        <source>Mailbox watch</source>
        <translation>邮箱监视</translation>
    </message>
    <message>
        <source>The mailbox could not be read for bounces: %1</source>
        <translation>无法读取邮箱中的退信：%1</translation>
    </message>
    <message>
        <source>&amp;Bounces…</source>
        <translation>退信(&amp;B)…</translation>
    </message>
    <message>
        <source>What came back from the mailbox for this campaign: bounces, and unsubscribe requests to confirm</source>
        <translation>此群发任务从邮箱收回的内容：退信，以及待确认的退订请求</translation>
    </message>
    <message>
        <source>Opening “%1”…</source>
        <translation>正在打开“%1”…</translation>
    </message>
    <message>
        <source>Opening cancelled.</source>
        <translation>已取消打开。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::MessageEditor</name>
    <message>
        <source>Add an &amp;HTML version</source>
        <translation>添加 HTML 版本(&amp;H)</translation>
    </message>
    <message>
        <source>HTML bo&amp;dy:</source>
        <translation>HTML 正文(&amp;D)：</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>添加文件(&amp;F)…</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>移除(&amp;M)</translation>
    </message>
    <message>
        <source>Office &lt;office@example.org&gt;</source>
        <translation>行政部 &lt;office@example.org&gt;</translation>
    </message>
    <message>
        <source>Who the message is from, as recipients will see it.</source>
        <translation>邮件的发件人，即收件人看到的发件人。</translation>
    </message>
    <message>
        <source>Optional: where replies go, if not to the sender</source>
        <translation>可选：回复的接收地址（如果不是发件人）</translation>
    </message>
    <message>
        <source>The subject line. It may use fields such as {{name}}.</source>
        <translation>主题行。可以使用 {{name}} 等字段。</translation>
    </message>
    <message>
        <source>The message as plain text. Every mail program can show it.</source>
        <translation>纯文本格式的邮件正文。所有邮件程序都能显示。</translation>
    </message>
    <message>
        <source>Message text</source>
        <translation>邮件正文</translation>
    </message>
    <message>
        <source>HTML body</source>
        <translation>HTML 正文</translation>
    </message>
    <message>
        <source>Also send a formatted (HTML) version. Mail programs that cannot show it use the text.</source>
        <translation>同时发送带格式的（HTML）版本。无法显示 HTML 的邮件程序会使用纯文本。</translation>
    </message>
    <message>
        <source>Insert &amp;field</source>
        <translation>插入字段(&amp;F)</translation>
    </message>
    <message>
        <source>Insert a column of the recipient list at the cursor.</source>
        <translation>在光标处插入收件人列表中的一列。</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Files sent with every message. Drop files here to add them.</source>
        <translation>随每封邮件发送的文件。将文件拖放到此处即可添加。</translation>
    </message>
    <message>
        <source>F&amp;rom:</source>
        <translation>发件人(&amp;R)：</translation>
    </message>
    <message>
        <source>Re&amp;ply to:</source>
        <translation>回复地址(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>主题(&amp;S)：</translation>
    </message>
    <message>
        <source>Message &amp;text:</source>
        <translation>邮件正文(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Attachments:</source>
        <translation>附件(&amp;A)：</translation>
    </message>
    <message>
        <source>Attach files</source>
        <translation>添加附件</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>%1 (file not found)</source>
        <translation>%1（找不到文件）</translation>
    </message>
    <message>
        <source>No attachments. Add files with the button, or drop them on the list.</source>
        <translation>没有附件。请使用按钮添加文件，或将文件拖放到列表中。</translation>
    </message>
    <message>
        <source>1 file, %1 in total.</source>
        <translation>1 个文件，共 %1。</translation>
    </message>
    <message>
        <source>%1 files, %2 in total.</source>
        <translation>%1 个文件，共 %2。</translation>
    </message>
    <message>
        <source>The attachments add up to %1. Sending encodes them, which makes them a third larger (about %2 in every message), and many mail providers refuse messages over 20–25 MB. Consider sharing large files as a link instead.</source>
        <translation>附件总大小为 %1。发送时需要对附件进行编码，体积会增大约三分之一（每封邮件约 %2），而许多邮件服务商会拒收超过 20–25 MB 的邮件。建议改为以链接方式共享大文件。</translation>
    </message>
    <message>
        <source>Write it as office@example.org or as Office &lt;office@example.org&gt;.</source>
        <translation>请写成 office@example.org 或 行政部 &lt;office@example.org&gt; 的形式。</translation>
    </message>
    <message>
        <source>Enter the sender&apos;s address, for example Office &lt;office@example.org&gt;.</source>
        <translation>请输入发件人地址，例如 行政部 &lt;office@example.org&gt;。</translation>
    </message>
    <message>
        <source>This is not a valid address. %1</source>
        <translation>这不是有效的地址。%1</translation>
    </message>
    <message>
        <source>From: %1</source>
        <translation>发件人：%1</translation>
    </message>
    <message>
        <source>Reply to: %1</source>
        <translation>回复地址：%1</translation>
    </message>
    <message>
        <source>{{%1}}: no such column. The columns are: %2.</source>
        <translation>{{%1}}：没有这一列。现有的列为：%2。</translation>
    </message>
    <message>
        <source>{{%1}}: no such column; did you mean {{%2}}?</source>
        <translation>{{%1}}：没有这一列；您是否是指 {{%2}}？</translation>
    </message>
    <message>
        <source>Subject: %1</source>
        <translation>主题：%1</translation>
    </message>
    <message>
        <source>HTML body: %1</source>
        <translation>HTML 正文：%1</translation>
    </message>
    <message>
        <source>Message text: %1</source>
        <translation>邮件正文：%1</translation>
    </message>
    <message>
        <source>This file cannot be found and would stop the sending: %1</source>
        <translation>找不到此文件，将导致发送中止：%1</translation>
    </message>
    <message>
        <source>These files cannot be found and would stop the sending: %1</source>
        <translation>找不到以下文件，将导致发送中止：%1</translation>
    </message>
    <message>
        <source>Attachments: %1</source>
        <translation>附件：%1</translation>
    </message>
    <message>
        <source>Ch&amp;oose…</source>
        <translation>选择(&amp;O)…</translation>
    </message>
    <message>
        <source>If a recipient&apos;s file is missing or ambiguous, send the others and hold that recipient</source>
        <translation>如果某个收件人的文件缺失或无法确定，先发送给其他人，并保留该收件人</translation>
    </message>
    <message>
        <source>Optional, per recipient: {{manager_email}}, office@example.org</source>
        <translation>可选，按收件人填写：{{manager_email}}, office@example.org</translation>
    </message>
    <message>
        <source>Optional: addresses or fields; recipients never see them</source>
        <translation>可选：地址或字段；收件人不会看到这些地址</translation>
    </message>
    <message>
        <source>Optional: the folder of each recipient&apos;s own files</source>
        <translation>可选：存放每个收件人个人文件的文件夹</translation>
    </message>
    <message>
        <source>{{employee_id}}-*.pdf</source>
        <translation>{{employee_id}}-*.pdf</translation>
    </message>
    <message>
        <source>One rule a line. A file name where {{fields}} are the recipient&apos;s values and * or ? match any text; or &quot;column: NAME&quot; for a column holding the file name. Add &quot;(optional)&quot; when a recipient may have no such file. A rule that matches no file, or more than one, stops the send: Bulkmail never guesses.</source>
        <translation>每行一条规则。写一个文件名，其中 {{字段}} 替换为收件人的值，* 或 ? 匹配任意文字；或写“column: 列名”，表示该列保存文件名。如果收件人可能没有此文件，请加上“(optional)”。规则匹配不到文件或匹配到多个文件时，发送会停止：Bulkmail 从不猜测。</translation>
    </message>
    <message>
        <source>Personal attachment rules</source>
        <translation>个人附件规则</translation>
    </message>
    <message>
        <source>&amp;Cc:</source>
        <translation>抄送(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Bcc:</source>
        <translation>密送(&amp;B)：</translation>
    </message>
    <message>
        <source>Personal f&amp;iles from:</source>
        <translation>个人文件来自(&amp;I)：</translation>
    </message>
    <message>
        <source>Folder of the personal files</source>
        <translation>个人文件所在的文件夹</translation>
    </message>
    <message>
        <source>Fi&amp;le rules:</source>
        <translation>文件规则(&amp;L)：</translation>
    </message>
    <message>
        <source>Folder of the Personal Files</source>
        <translation>个人文件所在的文件夹</translation>
    </message>
    <message>
        <source>Let recipients &amp;unsubscribe by email</source>
        <translation>允许收件人通过邮件退订(&amp;U)</translation>
    </message>
    <message>
        <source>The mail server deli&amp;vers plus addresses (office+unsubscribe@…)</source>
        <translation>邮件服务器支持加号地址（office+unsubscribe@…）(&amp;V)</translation>
    </message>
    <message>
        <source>PDF password</source>
        <translation>PDF 密码</translation>
    </message>
    <message>
        <source>Not protected</source>
        <translation>不加密</translation>
    </message>
    <message>
        <source>Pick the column whose value opens each recipient&apos;s PDF, or write a template such as {{birth_date}}-{{employee_id}}.</source>
        <translation>选择一列，用其值打开每位收件人的 PDF；也可写成模板，例如 {{birth_date}}-{{employee_id}}。</translation>
    </message>
    <message>
        <source>Each personal PDF is encrypted (AES-256) and opens with this value from the recipient&apos;s row. Only the template is saved: the passwords themselves are never stored or written to the log.</source>
        <translation>每个个人 PDF 都会加密（AES-256），用收件人所在行的这个值打开。只保存模板：密码本身从不保存，也不写入日志。</translation>
    </message>
    <message>
        <source>Adds an email address to the message&apos;s unsubscribe header, besides any link: mail programs show an Unsubscribe button that sends a request there.</source>
        <translation>在邮件的退订信头中加入一个邮箱地址（链接之外）：邮件程序会显示“退订”按钮，点击即向该地址发送退订请求。</translation>
    </message>
    <message>
        <source>The sender&apos;s address</source>
        <translation>发件人地址</translation>
    </message>
    <message>
        <source>Mailbox for unsubscribe requests</source>
        <translation>接收退订请求的邮箱</translation>
    </message>
    <message>
        <source>Only if your mail server delivers office+unsubscribe@example.org to office@example.org (Gmail, Office 365 and Postfix with a recipient delimiter do). A mail rule can then file the requests in a folder of their own.</source>
        <translation>仅当邮件服务器会把 office+unsubscribe@example.org 投递到 office@example.org 时勾选（Gmail、Office 365 以及设置了收件人分隔符的 Postfix 都支持）。之后可用邮件规则把这些请求归入单独的文件夹。</translation>
    </message>
    <message>
        <source>PDF pass&amp;word:</source>
        <translation>PDF 密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Requests go to mailbo&amp;x:</source>
        <translation>请求发往邮箱(&amp;X)：</translation>
    </message>
    <message>
        <source>The password template cannot be read: check its {{ and }}.</source>
        <translation>无法读取密码模板：请检查其中的 {{ 和 }}。</translation>
    </message>
    <message>
        <source>{{%1}}: no such column, so no PDF can be opened.</source>
        <translation>{{%1}}：没有这一列，因此任何 PDF 都无法打开。</translation>
    </message>
    <message>
        <source>PDF password: %1</source>
        <translation>PDF 密码：%1</translation>
    </message>
    <message>
        <source>This is the same password for every recipient: anyone who receives one file can open all of them. Use a column.</source>
        <translation>所有收件人的密码都相同：收到任一文件的人都能打开全部文件。请使用某一列。</translation>
    </message>
    <message>
        <source>This is not a valid address. Write it as unsubscribe@example.org, without a name.</source>
        <translation>这不是有效的地址。请写成 unsubscribe@example.org，不带姓名。</translation>
    </message>
    <message>
        <source>Unsubscribe mailbox: %1</source>
        <translation>退订邮箱：%1</translation>
    </message>
    <message>
        <source>Each message offers to write to %1 with the subject “unsubscribe” and a code that names that message only. Bulkmail finds these requests when it reads the mailbox.</source>
        <translation>每封邮件都提供退订方式：发信至 %1，主题为“unsubscribe”加上仅指向该邮件的代码。Bulkmail 读取邮箱时会识别这些请求。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::MessagePreview</name>
    <message>
        <source>Pre&amp;vious</source>
        <translation>上一个(&amp;V)</translation>
    </message>
    <message>
        <source>Ne&amp;xt</source>
        <translation>下一个(&amp;X)</translation>
    </message>
    <message>
        <source>Show the message for the previous recipient.</source>
        <translation>显示上一个收件人的邮件。</translation>
    </message>
    <message>
        <source>Show the message for the next recipient.</source>
        <translation>显示下一个收件人的邮件。</translation>
    </message>
    <message>
        <source>Reply to:</source>
        <translation>回复地址：</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>发件人：</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>收件人：</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>主题：</translation>
    </message>
    <message>
        <source>Message text, as the recipient sees it</source>
        <translation>邮件正文（收件人看到的样子）</translation>
    </message>
    <message>
        <source>HTML body, as the recipient sees it</source>
        <translation>HTML 正文（收件人看到的样子）</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>HTML</source>
        <translation>HTML</translation>
    </message>
    <message>
        <source>The subject has a mistake: %1</source>
        <translation>主题有错误：%1</translation>
    </message>
    <message>
        <source>The HTML body has a mistake: %1</source>
        <translation>HTML 正文有错误：%1</translation>
    </message>
    <message>
        <source>The message text has a mistake: %1</source>
        <translation>邮件正文有错误：%1</translation>
    </message>
    <message>
        <source>Correct it to see the preview.</source>
        <translation>改正后即可查看预览。</translation>
    </message>
    <message>
        <source>This message has no HTML version.</source>
        <translation>此邮件没有 HTML 版本。</translation>
    </message>
    <message>
        <source>No recipients</source>
        <translation>没有收件人</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <source>(no recipients yet: fields are shown empty)</source>
        <translation>（尚无收件人：字段显示为空）</translation>
    </message>
    <message>
        <source>(no subject)</source>
        <translation>（无主题）</translation>
    </message>
    <message>
        <source>Remote images are not loaded in the preview. Many mail programs also block them until the reader allows it.</source>
        <translation>预览中不加载远程图片。许多邮件程序也会在读者允许之前阻止加载这些图片。</translation>
    </message>
    <message>
        <source>Empty for this recipient: %1. The message leaves a gap there.</source>
        <translation>此收件人的值为空：%1。邮件中此处会留空。</translation>
    </message>
    <message>
        <source>Not a column of the recipient list, so always empty: %1.</source>
        <translation>不是收件人列表中的列，因此始终为空：%1。</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>抄送：</translation>
    </message>
    <message>
        <source>Attachments:</source>
        <translation>附件：</translation>
    </message>
    <message>
        <source>%1 (Bcc: not shown to anyone)</source>
        <translation>%1（密送：不向任何人显示）</translation>
    </message>
    <message>
        <source>“%1” is not an address: no copy goes there.</source>
        <translation>“%1”不是邮箱地址：不会向其发送副本。</translation>
    </message>
    <message>
        <source>%1 (%2, for this recipient only; protected, the password is %3)</source>
        <translation>%1（%2，仅发给此收件人；已加密，密码为 %3）</translation>
    </message>
    <message>
        <source>%1 (%2, for this recipient only)</source>
        <translation>%1（%2，仅发给此收件人）</translation>
    </message>
</context>
<context>
    <name>Bulkmail::OAuth2TokenSource</name>
    <message>
        <source>The sign-in of %1 has expired or was revoked (%2). Sign in again.</source>
        <translation>%1 的登录已过期或已被撤销（%2）。请重新登录。</translation>
    </message>
    <message>
        <source>The sign-in server refused to renew the access token of %1 (%2). Check the account&apos;s sign-in settings and sign in again.</source>
        <translation>登录服务器拒绝续期 %1 的访问令牌（%2）。请检查账户的登录设置并重新登录。</translation>
    </message>
    <message>
        <source>Cannot renew the access token of %1: %2</source>
        <translation>无法续期 %1 的访问令牌：%2</translation>
    </message>
    <message>
        <source>No sign-in is stored for this account.</source>
        <translation>此账户尚未保存登录信息。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::OAuthPanel</name>
    <message>
        <source>Which Microsoft 365 organisation to sign in to: &quot;common&quot; works for most accounts; some organisations need their domain or tenant ID here.</source>
        <translation>要登录的 Microsoft 365 组织：大多数账户可使用“common”；某些组织需要在此处填写其域名或租户 ID。</translation>
    </message>
    <message>
        <source>&amp;Tenant:</source>
        <translation>租户(&amp;T)：</translation>
    </message>
    <message>
        <source>The application (client) ID your organisation registered for Bulkmail; your IT department can give it to you.</source>
        <translation>您所在组织为 Bulkmail 注册的应用程序（客户端）ID；可向您的 IT 部门索取。</translation>
    </message>
    <message>
        <source>C&amp;lient ID:</source>
        <translation>客户端 ID(&amp;L)：</translation>
    </message>
    <message>
        <source>Sign-in &amp;page:</source>
        <translation>登录页面(&amp;P)：</translation>
    </message>
    <message>
        <source>To&amp;ken address:</source>
        <translation>令牌地址(&amp;K)：</translation>
    </message>
    <message>
        <source>What the sign-in must allow, as the server names it (for example &quot;smtp offline_access&quot;).</source>
        <translation>登录需要获得的权限，按服务器的命名填写（例如“smtp offline_access”）。</translation>
    </message>
    <message>
        <source>Sco&amp;pe:</source>
        <translation>权限范围(&amp;P)：</translation>
    </message>
    <message>
        <source>Sign-in status</source>
        <translation>登录状态</translation>
    </message>
    <message>
        <source>Si&amp;gn In…</source>
        <translation>登录(&amp;G)…</translation>
    </message>
    <message>
        <source>Opens the provider&apos;s sign-in page in your browser. Bulkmail never sees your password.</source>
        <translation>在浏览器中打开服务商的登录页面。Bulkmail 绝不会获知您的密码。</translation>
    </message>
    <message>
        <source>Sign &amp;Out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <source>Forgets this account&apos;s sign-in on this computer.</source>
        <translation>清除此账户在此计算机上的登录信息。</translation>
    </message>
    <message>
        <source>Sign-in link</source>
        <translation>登录链接</translation>
    </message>
    <message>
        <source>No browser could be opened: open this address in a browser to sign in.</source>
        <translation>无法打开浏览器：请在浏览器中打开此地址进行登录。</translation>
    </message>
    <message>
        <source>&amp;Copy Link</source>
        <translation>复制链接(&amp;C)</translation>
    </message>
    <message>
        <source>The link is copied: paste it into a browser to sign in.</source>
        <translation>链接已复制：请将其粘贴到浏览器中进行登录。</translation>
    </message>
    <message>
        <source>&amp;Cancel Sign-In</source>
        <translation>取消登录(&amp;C)</translation>
    </message>
    <message>
        <source>Sign-in needed: %1</source>
        <translation>需要登录：%1</translation>
    </message>
    <message>
        <source>Not signed in. Press &quot;Sign In…&quot; and approve Bulkmail in your browser.</source>
        <translation>未登录。请点击“登录…”，然后在浏览器中授权 Bulkmail。</translation>
    </message>
    <message>
        <source>Looking in the keychain...</source>
        <translation>正在查询系统密钥环...</translation>
    </message>
    <message>
        <source>Signed in as %1.</source>
        <translation>已以 %1 身份登录。</translation>
    </message>
    <message>
        <source>Not signed in as %1 on this computer. Press &quot;Sign In…&quot; and approve Bulkmail in your browser.</source>
        <translation>此计算机上尚未以 %1 身份登录。请点击“登录…”，然后在浏览器中授权 Bulkmail。</translation>
    </message>
    <message>
        <source>Enter the client ID first: your IT department can give it to you.</source>
        <translation>请先输入客户端 ID：可向您的 IT 部门索取。</translation>
    </message>
    <message>
        <source>Approve Bulkmail in the browser window that opened…</source>
        <translation>请在已打开的浏览器窗口中授权 Bulkmail…</translation>
    </message>
    <message>
        <source>No browser could be opened. Copy the link below into a browser and approve Bulkmail there…</source>
        <translation>无法打开浏览器。请将下方链接复制到浏览器中，并在其中授权 Bulkmail…</translation>
    </message>
    <message>
        <source>Opening the sign-in page…</source>
        <translation>正在打开登录页面…</translation>
    </message>
    <message>
        <source>The sign-in page did not say which mailbox signed in. Enter the address as the username and sign in again.</source>
        <translation>登录页面未说明登录的是哪个邮箱。请将邮箱地址填写为用户名，然后重新登录。</translation>
    </message>
    <message>
        <source>Signed in as %1 for now, but the sign-in server gave no lasting sign-in: you will be asked again next time.</source>
        <translation>目前已以 %1 身份登录，但登录服务器未提供可长期保持的登录：下次仍需重新登录。</translation>
    </message>
    <message>
        <source>Signed in as %1. Saving the sign-in in the keychain...</source>
        <translation>已以 %1 身份登录。正在将登录信息保存到系统密钥环...</translation>
    </message>
    <message>
        <source>Signed in as %1 for now, but the sign-in could not be kept: %2</source>
        <translation>目前已以 %1 身份登录，但无法保存登录信息：%2</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>The sign-in did not succeed: %1</source>
        <translation>登录未成功：%1</translation>
    </message>
    <message>
        <source>Signed out: the sign-in of %1 was removed from this computer.</source>
        <translation>已退出登录：已从此计算机中删除 %1 的登录信息。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::OAuthSignIn</name>
    <message>
        <source>The sign-in server did not answer in time.</source>
        <translation>登录服务器未及时响应。</translation>
    </message>
    <message>
        <source>The sign-in was not completed in the browser in time. Try again.</source>
        <translation>未在规定时间内在浏览器中完成登录。请重试。</translation>
    </message>
    <message>
        <source>Bulkmail: the sign-in is complete. You can close this page and return to Bulkmail.</source>
        <translation>Bulkmail：登录已完成。您可以关闭此页面并返回 Bulkmail。</translation>
    </message>
    <message>
        <source>Cannot listen on 127.0.0.1 for the answer from the browser.</source>
        <translation>无法在 127.0.0.1 上监听浏览器返回的应答。</translation>
    </message>
    <message>
        <source>The sign-in was cancelled.</source>
        <translation>登录已取消。</translation>
    </message>
    <message>
        <source>The sign-in was refused in the browser.</source>
        <translation>登录在浏览器中被拒绝。</translation>
    </message>
    <message>
        <source>The sign-in server refused the request: %1</source>
        <translation>登录服务器拒绝了请求：%1</translation>
    </message>
    <message>
        <source>The answer that reached Bulkmail does not belong to this sign-in (state mismatch). Try again.</source>
        <translation>Bulkmail 收到的应答不属于本次登录（state 不匹配）。请重试。</translation>
    </message>
    <message>
        <source>The sign-in server sent no authorization code.</source>
        <translation>登录服务器未发送授权码。</translation>
    </message>
    <message>
        <source>The sign-in server refused the authorization code: %1</source>
        <translation>登录服务器拒绝了授权码：%1</translation>
    </message>
    <message>
        <source>Cannot reach the sign-in server: %1</source>
        <translation>无法连接登录服务器：%1</translation>
    </message>
</context>
<context>
    <name>Bulkmail::OutboxModel</name>
    <message>
        <source>#%1</source>
        <translation>#%1</translation>
    </message>
    <message numerus="yes">
        <source>%n byte(s)</source>
        <translation>
            <numerusform>%n 字节</numerusform>
        </translation>
    </message>
    <message>
        <source>Received on the sandbox&apos;s connection number %1</source>
        <translation>由沙盒的第 %1 个连接接收</translation>
    </message>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>The order in which the sandbox accepted the messages</source>
        <translation>沙盒接收邮件的顺序</translation>
    </message>
    <message>
        <source>When the sandbox accepted the message</source>
        <translation>沙盒接收该邮件的时间</translation>
    </message>
    <message>
        <source>Who the message was addressed to (the envelope recipients)</source>
        <translation>邮件的收件地址（信封收件人）</translation>
    </message>
    <message>
        <source>The subject line, as the recipient sees it</source>
        <translation>主题行，即收件人看到的样子</translation>
    </message>
    <message>
        <source>The size of the message, attachments included</source>
        <translation>邮件大小（含附件）</translation>
    </message>
    <message>
        <source>Which connection carried the message: Bulkmail reuses one connection for many messages</source>
        <translation>传送该邮件的连接：Bulkmail 会为多封邮件复用同一个连接</translation>
    </message>
</context>
<context>
    <name>Bulkmail::OutboxView</name>
    <message>
        <source>Off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Select a message to see it as its recipient would.</source>
        <translation>选择一封邮件，查看收件人看到的样子。</translation>
    </message>
    <message>
        <source>Captured &amp;messages:</source>
        <translation>捕获的邮件(&amp;M)：</translation>
    </message>
    <message>
        <source>Captured messages</source>
        <translation>捕获的邮件</translation>
    </message>
    <message>
        <source>&amp;Save as .eml…</source>
        <translation>另存为 .eml(&amp;S)…</translation>
    </message>
    <message>
        <source>Save the selected message exactly as the sandbox received it, to open it in a mail program</source>
        <translation>按沙盒收到的原样保存所选邮件，以便在邮件程序中打开</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Forget the captured messages (nothing was delivered anyway)</source>
        <translation>清除捕获的邮件（反正没有实际投递任何邮件）</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>To</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Reply to</source>
        <translation>回复地址</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>发件人(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>收件人(&amp;T)：</translation>
    </message>
    <message>
        <source>Reply-T&amp;o:</source>
        <translation>回复地址(&amp;O)：</translation>
    </message>
    <message>
        <source>S&amp;ubject:</source>
        <translation>主题(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>日期(&amp;D)：</translation>
    </message>
    <message>
        <source>Message body</source>
        <translation>邮件正文</translation>
    </message>
    <message>
        <source>Text body</source>
        <translation>文本正文</translation>
    </message>
    <message>
        <source>HTML body</source>
        <translation>HTML 正文</translation>
    </message>
    <message>
        <source>Pictures and styles from other computers are never loaded here</source>
        <translation>此处绝不加载来自其他计算机的图片和样式</translation>
    </message>
    <message>
        <source>All headers</source>
        <translation>所有邮件头</translation>
    </message>
    <message>
        <source>Te&amp;xt</source>
        <translation>文本(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;HTML</source>
        <translation>HTML(&amp;H)</translation>
    </message>
    <message>
        <source>All h&amp;eaders</source>
        <translation>所有邮件头(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Attachments:</source>
        <translation>附件(&amp;A)：</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Act like a provider</source>
        <translation>模拟服务商行为</translation>
    </message>
    <message>
        <source>Rehearse what a real mail provider does to a campaign; changes apply at once, even during a send</source>
        <translation>演练真实邮件服务商对群发任务的处理方式；更改立即生效，即使正在发送也是如此</translation>
    </message>
    <message>
        <source>Messages per connection before 421</source>
        <translation>每个连接在返回 421 前的邮件数</translation>
    </message>
    <message>
        <source>Messages per minute before 451</source>
        <translation>每分钟在返回 451 前的邮件数</translation>
    </message>
    <message>
        <source>Refused recipients</source>
        <translation>拒收的收件人</translation>
    </message>
    <message>
        <source>ann@example.org, bob@example.org</source>
        <translation>ann@example.org, bob@example.org</translation>
    </message>
    <message>
        <source>Messages per &amp;connection before 421:</source>
        <translation>每个连接在返回 421 前的邮件数(&amp;C)：</translation>
    </message>
    <message>
        <source>Messages per m&amp;inute before 451:</source>
        <translation>每分钟在返回 451 前的邮件数(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Refused recipients:</source>
        <translation>拒收的收件人(&amp;R)：</translation>
    </message>
    <message>
        <source>The sandbox is not running. While it runs, messages sent to it are shown here and never delivered.</source>
        <translation>沙盒未运行。沙盒运行时，发送给它的邮件会显示在这里，并且绝不会实际投递。</translation>
    </message>
    <message>
        <source>Sandbox on 127.0.0.1:%1: %2 on %3; nothing is delivered.</source>
        <translation>沙盒运行于 127.0.0.1:%1：通过 %3%2；不会实际投递任何邮件。</translation>
    </message>
    <message>
        <source>Only the newest %1 are kept here.</source>
        <translation>此处仅保留最新的 %1 封。</translation>
    </message>
    <message>
        <source>Message %1 cannot be shown: %2</source>
        <translation>无法显示邮件 %1：%2</translation>
    </message>
    <message>
        <source>(unnamed, %1)</source>
        <translation>（未命名，%1）</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>No attachments</source>
        <translation>无附件</translation>
    </message>
    <message>
        <source>No message is selected.</source>
        <translation>未选择邮件。</translation>
    </message>
    <message>
        <source>Save Message</source>
        <translation>保存邮件</translation>
    </message>
    <message>
        <source>Email messages (*.eml)</source>
        <translation>电子邮件 (*.eml)</translation>
    </message>
    <message>
        <source>Off: the sandbox takes any number of messages on one connection.</source>
        <translation>关闭：沙盒在一个连接上接受任意数量的邮件。</translation>
    </message>
    <message numerus="yes">
        <source>After %n message(s) the sandbox closes the connection with 421, as Exchange Online does: watch Bulkmail open the next one.</source>
        <translation>
            <numerusform>发送 %n 封邮件后，沙盒会以 421 关闭连接，就像 Exchange Online 一样：观察 Bulkmail 如何打开下一个连接。</numerusform>
        </translation>
    </message>
    <message>
        <source>Off: the sandbox takes messages as fast as they come.</source>
        <translation>关闭：沙盒按邮件到达的速度接收。</translation>
    </message>
    <message numerus="yes">
        <source>Beyond %n message(s) a minute the sandbox answers 451 4.7.0 (try again later), as Gmail does: watch Bulkmail slow down and send those messages again.</source>
        <translation>
            <numerusform>每分钟超过 %n 封邮件时，沙盒会回复 451 4.7.0（稍后重试），就像 Gmail 一样：观察 Bulkmail 如何减速并重新发送这些邮件。</numerusform>
        </translation>
    </message>
    <message>
        <source>Addresses listed here (separated by commas) are refused with 550 5.1.1, as for a mailbox that does not exist.</source>
        <translation>此处列出的地址（以逗号分隔）会以 550 5.1.1 拒收，如同邮箱不存在。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) captured</source>
        <translation>
            <numerusform>已捕获 %Ln 封邮件</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s)</source>
        <translation>
            <numerusform>%Ln 个连接</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln address(es) will be refused with 550 5.1.1 (no such mailbox): watch Bulkmail mark them failed and go on with the others.</source>
        <translation>
            <numerusform>%Ln 个地址将以 550 5.1.1（邮箱不存在）拒收：观察 Bulkmail 如何将其标记为失败并继续发送其他邮件。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::PasswordDialog</name>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Bulkmail signs in to %1 as %2. Enter the password (or the app password or authorization code the provider gave you).</source>
        <translation>Bulkmail 将以 %2 身份登录 %1。请输入密码（或服务商提供的应用专用密码或授权码）。</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Remember in the keychain</source>
        <translation>在系统密钥环中记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>The password is kept in this computer&apos;s keychain, never in the campaign file.</source>
        <translation>密码保存在此计算机的系统密钥环中，绝不会写入群发任务文件。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::PasswordPanel</name>
    <message>
        <source>&amp;Remember in the keychain</source>
        <translation>在系统密钥环中记住密码(&amp;R)</translation>
    </message>
    <message>
        <source>Keeps the password in this computer&apos;s keychain, never in the campaign file.</source>
        <translation>密码保存在此计算机的系统密钥环中，绝不会写入群发任务文件。</translation>
    </message>
    <message>
        <source>Keychain status</source>
        <translation>系统密钥环状态</translation>
    </message>
    <message>
        <source>Pass&amp;word:</source>
        <translation>密码(&amp;W)：</translation>
    </message>
    <message>
        <source>Set a username to sign in; the password is remembered for each account in this computer&apos;s keychain.</source>
        <translation>设置用于登录的用户名；每个账户的密码都会保存在此计算机的系统密钥环中。</translation>
    </message>
    <message>
        <source>Looking in the keychain...</source>
        <translation>正在查询系统密钥环...</translation>
    </message>
    <message>
        <source>Remembered in the keychain.</source>
        <translation>已保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>The keychain holds another password for this account; leave the field to replace it.</source>
        <translation>系统密钥环中保存的是此账户的另一个密码；离开此输入框即可替换。</translation>
    </message>
    <message>
        <source>Not in the keychain yet: type the password; it is remembered when you leave the field.</source>
        <translation>尚未保存在系统密钥环中：请输入密码，离开此输入框时即会保存。</translation>
    </message>
    <message>
        <source>This password is not in the keychain yet.</source>
        <translation>此密码尚未保存在系统密钥环中。</translation>
    </message>
    <message>
        <source>Not remembered: the password is asked each time you send.</source>
        <translation>不记住密码：每次发送时都会询问密码。</translation>
    </message>
    <message>
        <source>Set a username first: the password is remembered for each account.</source>
        <translation>请先设置用户名：密码按账户分别保存。</translation>
    </message>
    <message>
        <source>Saving in the keychain...</source>
        <translation>正在保存到系统密钥环...</translation>
    </message>
</context>
<context>
    <name>Bulkmail::PasswordStore</name>
    <message>
        <source>No password is stored in the keychain for this account yet.</source>
        <translation>此账户尚未在系统密钥环中保存密码。</translation>
    </message>
    <message>
        <source>No keychain is available on this computer (no Secret Service such as GNOME Keyring or KWallet is running), so the password cannot be remembered. It will be asked each time, and it is never written to disk.</source>
        <translation>此计算机上没有可用的系统密钥环（没有运行 GNOME Keyring 或 KWallet 等 Secret Service），因此无法记住密码。每次都会询问密码，并且密码绝不会写入磁盘。</translation>
    </message>
    <message>
        <source>Access to the keychain was refused.</source>
        <translation>访问系统密钥环被拒绝。</translation>
    </message>
    <message>
        <source>The keychain refused access (it may be locked): %1</source>
        <translation>系统密钥环拒绝访问（可能已锁定）：%1</translation>
    </message>
    <message>
        <source>The keychain could not delete the password: %1</source>
        <translation>系统密钥环无法删除密码：%1</translation>
    </message>
    <message>
        <source>The keychain reported an error: %1</source>
        <translation>系统密钥环报告错误：%1</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ProviderPresets</name>
    <message>
        <source>The username is the mailbox&apos;s full address. SMTP AUTH must be enabled for the mailbox (it is off by default in organisations created after January 2020), and it does not work while Microsoft&apos;s security defaults are on.</source>
        <translation>用户名是邮箱的完整地址。必须为该邮箱启用 SMTP AUTH（2020 年 1 月之后创建的组织默认关闭），并且在启用 Microsoft 安全默认值时无法使用。</translation>
    </message>
    <message>
        <source>Messages over the limit are delayed by the server.</source>
        <translation>超出限制的邮件会被服务器延迟发送。</translation>
    </message>
    <message>
        <source>Recipients in any 24 hours (a rolling window).</source>
        <translation>任意 24 小时内的收件人数（滚动时间窗口）。</translation>
    </message>
    <message>
        <source>More connections are refused with &quot;432 4.3.2 Concurrent connections limit exceeded&quot;.</source>
        <translation>超出的连接会被拒绝，并返回“432 4.3.2 Concurrent connections limit exceeded”。</translation>
    </message>
    <message>
        <source>For Microsoft 365 subscribers. Microsoft says the limit is lower for other and for new accounts, without giving a figure.</source>
        <translation>适用于 Microsoft 365 订阅用户。Microsoft 表示其他账户和新账户的限制更低，但未给出具体数值。</translation>
    </message>
    <message>
        <source>Use an app password (it needs 2-Step Verification on the Google account), not the account&apos;s own password.</source>
        <translation>请使用应用专用密码（需要在 Google 账户上开启两步验证），而不是账户本身的密码。</translation>
    </message>
    <message>
        <source>Personal Gmail accounts. Over the limit, sending is blocked for up to 24 hours.</source>
        <translation>个人 Gmail 账户。超出限制后，最长会被禁止发送 24 小时。</translation>
    </message>
    <message>
        <source>500 for trial accounts. Counted over a rolling 24 hours; over the limit, sending is blocked for up to 24 hours.</source>
        <translation>试用账户为 500。按滚动的 24 小时计算；超出限制后，最长会被禁止发送 24 小时。</translation>
    </message>
    <message>
        <source>For messages sent through SMTP.</source>
        <translation>适用于通过 SMTP 发送的邮件。</translation>
    </message>
    <message>
        <source>Tencent sets a daily quota per company domain, shared by all its mailboxes and adjusted to the mail&apos;s quality; it publishes no fixed figure.</source>
        <translation>腾讯按企业域名设定每日配额，由该域名下的所有邮箱共享，并根据邮件质量调整；未公布固定数值。</translation>
    </message>
    <message>
        <source>Turn on the SMTP service in QQ Mail&apos;s settings and use the authorization code (授权码) it shows, not the QQ password.</source>
        <translation>在 QQ 邮箱的设置中开启 SMTP 服务，并使用其显示的授权码，而不是 QQ 密码。</translation>
    </message>
    <message>
        <source>Turn on IMAP/SMTP in 163 Mail&apos;s settings and use the client authorization code (授权码), not the login password.</source>
        <translation>在 163 邮箱的设置中开启 IMAP/SMTP 服务，并使用客户端授权码，而不是登录密码。</translation>
    </message>
    <message>
        <source>New company accounts may have third-party clients turned off: the mail administrator turns them on, and a separate client password may be required.</source>
        <translation>新的企业账户可能关闭了第三方客户端：需由邮件管理员开启，并且可能需要单独的客户端专用密码。</translation>
    </message>
    <message>
        <source>Sign in with the mailbox&apos;s Microsoft 365 account. SMTP AUTH must still be enabled for the mailbox, and your organisation may need to register its own app (client id).</source>
        <translation>使用该邮箱的 Microsoft 365 账户登录。仍须为该邮箱启用 SMTP AUTH，并且您所在组织可能需要注册自己的应用（客户端 ID）。</translation>
    </message>
    <message>
        <source>Microsoft lists OAuth2 (modern authentication) for Outlook.com and is retiring password sign-in: a password may be refused. Choose &quot;Sign in with Microsoft&quot; instead.</source>
        <translation>Microsoft 为 Outlook.com 列出的登录方式是 OAuth2（新式身份验证），并正在停用密码登录：密码可能会被拒绝。请改为选择“使用 Microsoft 登录”。</translation>
    </message>
    <message>
        <source>Sign in with the Microsoft account of the mailbox, as Microsoft recommends for Outlook.com.</source>
        <translation>按照 Microsoft 对 Outlook.com 的建议，使用该邮箱的 Microsoft 账户登录。</translation>
    </message>
    <message>
        <source>Sign in with the Google account in the browser; no app password is needed.</source>
        <translation>在浏览器中使用 Google 账户登录；无需应用专用密码。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::RecentFiles</name>
    <message>
        <source>No recent campaigns</source>
        <translation>没有最近的群发任务</translation>
    </message>
</context>
<context>
    <name>Bulkmail::RecipientTableModel</name>
    <message>
        <source>Add 1 recipient</source>
        <translation>添加 1 个收件人</translation>
    </message>
    <message>
        <source>Add %1 recipients</source>
        <translation>添加 %1 个收件人</translation>
    </message>
    <message>
        <source>Delete 1 recipient</source>
        <translation>删除 1 个收件人</translation>
    </message>
    <message>
        <source>Delete %1 recipients</source>
        <translation>删除 %1 个收件人</translation>
    </message>
    <message>
        <source>Import 1 recipient</source>
        <translation>导入 1 个收件人</translation>
    </message>
    <message>
        <source>Import %1 recipients</source>
        <translation>导入 %1 个收件人</translation>
    </message>
    <message>
        <source>Import 1 recipient from %1</source>
        <translation>从 %1 导入 1 个收件人</translation>
    </message>
    <message>
        <source>Import %1 recipients from %2</source>
        <translation>从 %2 导入 %1 个收件人</translation>
    </message>
    <message>
        <source>No email address</source>
        <translation>无邮箱地址</translation>
    </message>
    <message>
        <source>%1, invalid address</source>
        <translation>%1，地址无效</translation>
    </message>
    <message>
        <source>%1, duplicate address</source>
        <translation>%1，地址重复</translation>
    </message>
    <message>
        <source>Email</source>
        <translation>邮箱</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Edit cell</source>
        <translation>编辑单元格</translation>
    </message>
    <message>
        <source>Invalid: no email address</source>
        <translation>无效：没有邮箱地址</translation>
    </message>
    <message>
        <source>Invalid: &quot;%1&quot; is not a valid email address</source>
        <translation>无效：“%1”不是有效的邮箱地址</translation>
    </message>
    <message>
        <source>Duplicate of row %1 (&quot;%2&quot;)</source>
        <translation>与第 %1 行重复（“%2”）</translation>
    </message>
    <message>
        <source>Probable duplicate of row %1 (&quot;%2&quot;): the addresses differ only in letter case</source>
        <translation>可能与第 %1 行重复（“%2”）：两个地址仅大小写不同</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>重试中</translation>
    </message>
    <message>
        <source>Throttled</source>
        <translation>已限流</translation>
    </message>
    <message>
        <source>Unconfirmed</source>
        <translation>未确认</translation>
    </message>
    <message>
        <source>Skipped (duplicate)</source>
        <translation>已跳过（重复）</translation>
    </message>
    <message>
        <source>Held</source>
        <translation>已保留</translation>
    </message>
    <message>
        <source>%1: %2 %3</source>
        <translation>%1：%2 %3</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Rehearsed</source>
        <translation>已演练</translation>
    </message>
    <message>
        <source>%1 (rehearsal)</source>
        <translation>%1（演练）</translation>
    </message>
    <message>
        <source>Bounced (hard)</source>
        <translation>已退信（硬退信）</translation>
    </message>
    <message>
        <source>Bounced (soft)</source>
        <translation>已退信（软退信）</translation>
    </message>
    <message>
        <source>%1, %2</source>
        <translation>%1，%2</translation>
    </message>
    <message>
        <source>%1, %2: %3</source>
        <translation>%1，%2：%3</translation>
    </message>
</context>
<context>
    <name>Bulkmail::RecipientsView</name>
    <message>
        <source>Email, name or any field</source>
        <translation>邮箱、姓名或任意字段</translation>
    </message>
    <message>
        <source>Shows only the recipients whose email, name or fields contain this text</source>
        <translation>仅显示邮箱、姓名或字段中包含此文字的收件人</translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation>搜索(&amp;S)：</translation>
    </message>
    <message>
        <source>Recipients</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>Recipient counts</source>
        <translation>收件人统计</translation>
    </message>
    <message>
        <source>&amp;Add Recipient</source>
        <translation>添加收件人(&amp;A)</translation>
    </message>
    <message>
        <source>Add an empty row and type its email address</source>
        <translation>添加一个空行，然后输入其邮箱地址</translation>
    </message>
    <message>
        <source>&amp;Delete Recipients</source>
        <translation>删除收件人(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected rows (Undo brings them back)</source>
        <translation>删除所选行（可撤销）</translation>
    </message>
    <message>
        <source>&amp;Find Recipient</source>
        <translation>查找收件人(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Paste Recipients</source>
        <translation>粘贴收件人(&amp;P)</translation>
    </message>
    <message>
        <source>Add the rows copied from Excel or WPS</source>
        <translation>添加从 Excel 或 WPS 复制的行</translation>
    </message>
    <message>
        <source>&amp;Export CSV…</source>
        <translation>导出 CSV(&amp;E)…</translation>
    </message>
    <message>
        <source>Save the list as a CSV file for Excel</source>
        <translation>将列表保存为可用 Excel 打开的 CSV 文件</translation>
    </message>
    <message>
        <source>Show Only &amp;Problems</source>
        <translation>仅显示问题(&amp;P)</translation>
    </message>
    <message>
        <source>Show only invalid and duplicate addresses</source>
        <translation>仅显示无效和重复的地址</translation>
    </message>
    <message>
        <source>1 recipient</source>
        <translation>1 个收件人</translation>
    </message>
    <message>
        <source>%1 recipients</source>
        <translation>%1 个收件人</translation>
    </message>
    <message>
        <source>%1 valid</source>
        <translation>%1 个有效</translation>
    </message>
    <message>
        <source>%1 invalid</source>
        <translation>%1 个无效</translation>
    </message>
    <message>
        <source>1 duplicate</source>
        <translation>1 个重复</translation>
    </message>
    <message>
        <source>%1 duplicates</source>
        <translation>%1 个重复</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>显示 %1 个</translation>
    </message>
    <message>
        <source>Add recipient</source>
        <translation>添加收件人</translation>
    </message>
    <message>
        <source>Paste 1 recipient</source>
        <translation>粘贴 1 个收件人</translation>
    </message>
    <message>
        <source>Paste %1 recipients</source>
        <translation>粘贴 %1 个收件人</translation>
    </message>
    <message>
        <source>There is no recipient list to export.</source>
        <translation>没有可导出的收件人列表。</translation>
    </message>
    <message>
        <source>Import Recipients</source>
        <translation>导入收件人</translation>
    </message>
    <message>
        <source>Export Recipients</source>
        <translation>导出收件人</translation>
    </message>
    <message>
        <source>recipients.csv</source>
        <translation>收件人.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Export Failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>The list could not be saved as %1.

%2</source>
        <translation>无法将列表保存为 %1。

%2</translation>
    </message>
    <message>
        <source>Why the list cannot be edited</source>
        <translation>列表无法编辑的原因</translation>
    </message>
    <message>
        <source>Recipient lists (%1);;CSV files (*.csv *.txt *.tsv);;Workbooks (*.xlsx *.xlsm *.xls *.ods);;All files (*)</source>
        <translation>收件人名单 (%1);;CSV 文件 (*.csv *.txt *.tsv);;工作簿 (*.xlsx *.xlsm *.xls *.ods);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Colours of the rows</source>
        <translation>行的颜色</translation>
    </message>
    <message>
        <source>Show Only &amp;Problems (%1)</source>
        <translation>仅显示问题(&amp;P)（%1）</translation>
    </message>
    <message numerus="yes">
        <source>On: only the %Ln row(s) with a problem are shown</source>
        <translation>
            <numerusform>开：只显示 %Ln 个有问题的行</numerusform>
        </translation>
    </message>
    <message>
        <source>Off: every row is shown</source>
        <translation>关：显示所有行</translation>
    </message>
    <message>
        <source>%1 Red: the address is not valid; the row is skipped. %2 Orange: a duplicate; the address receives one message. The email cell&apos;s tooltip says why.</source>
        <translation>%1 红色：地址无效，该行将被跳过。%2 橙色：重复，该地址只收到一封邮件。电子邮件单元格的提示说明原因。</translation>
    </message>
    <message>
        <source>&amp;Import Recipients…</source>
        <translation>导入收件人(&amp;I)…</translation>
    </message>
    <message>
        <source>Add or replace recipients from a workbook (Excel, WPS, LibreOffice) or a CSV file</source>
        <translation>从工作簿（Excel、WPS、LibreOffice）或 CSV 文件添加或替换收件人</translation>
    </message>
    <message>
        <source>Import List…</source>
        <translation>导入名单…</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ReplaceableTokenSource</name>
    <message>
        <source>Nobody is signed in.</source>
        <translation>当前无人登录。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ReplyClassifier</name>
    <message>
        <source>the server requires a newer TLS version (%1)</source>
        <translation>服务器要求更新版本的 TLS（%1）</translation>
    </message>
    <message>
        <source>the account&apos;s sending quota is used up; sending is paused (%1)</source>
        <translation>账户的发送配额已用完；发送已暂停（%1）</translation>
    </message>
    <message>
        <source>the server allows fewer connections at once (%1)</source>
        <translation>服务器允许的同时连接数更少（%1）</translation>
    </message>
    <message>
        <source>the server takes only so many messages on one connection; continuing on a new one (%1)</source>
        <translation>服务器在一个连接上只接受有限数量的邮件；改用新连接继续（%1）</translation>
    </message>
    <message>
        <source>the server cannot take mail now (its mail service is unavailable); sending pauses and tries again later (%1)</source>
        <translation>服务器现在无法接收邮件（其邮件服务不可用）；发送将暂停，稍后重试（%1）</translation>
    </message>
    <message>
        <source>the server is limiting how fast we send (%1)</source>
        <translation>服务器正在限制发送速度（%1）</translation>
    </message>
    <message>
        <source>the server closed the connection (%1)</source>
        <translation>服务器关闭了连接（%1）</translation>
    </message>
    <message>
        <source>the server requires an encrypted connection (%1)</source>
        <translation>服务器要求使用加密连接（%1）</translation>
    </message>
    <message>
        <source>the server refused the connection (%1)</source>
        <translation>服务器拒绝了连接（%1）</translation>
    </message>
    <message>
        <source>the server refused our greeting (EHLO/HELO) (%1)</source>
        <translation>服务器拒绝了我们的问候（EHLO/HELO）（%1）</translation>
    </message>
    <message>
        <source>the server refused to start encryption (STARTTLS) (%1)</source>
        <translation>服务器拒绝启动加密（STARTTLS）（%1）</translation>
    </message>
    <message>
        <source>the server wants an app password or another sign-in method (%1)</source>
        <translation>服务器要求使用应用专用密码或其他登录方式（%1）</translation>
    </message>
    <message>
        <source>the server does not support this sign-in method (%1)</source>
        <translation>服务器不支持此登录方式（%1）</translation>
    </message>
    <message>
        <source>the server did not accept the user name or password (%1)</source>
        <translation>服务器不接受此用户名或密码（%1）</translation>
    </message>
    <message>
        <source>the server requires signing in before sending (%1)</source>
        <translation>服务器要求先登录再发送（%1）</translation>
    </message>
    <message>
        <source>the server refuses our sender address (%1)</source>
        <translation>服务器拒绝了我们的发件人地址（%1）</translation>
    </message>
    <message>
        <source>the server rejected this recipient (%1)</source>
        <translation>服务器拒绝了此收件人（%1）</translation>
    </message>
    <message>
        <source>the server rejected this message (%1)</source>
        <translation>服务器拒绝了此邮件（%1）</translation>
    </message>
    <message>
        <source>the server could not take this message now; it will be retried later (%1)</source>
        <translation>服务器暂时无法接收此邮件；稍后将重试（%1）</translation>
    </message>
    <message>
        <source>the connection failed; a new one will be tried (%1)</source>
        <translation>连接失败；将尝试新的连接（%1）</translation>
    </message>
    <message>
        <source>the server sent an invalid reply code %1 to %2</source>
        <translation>服务器对 %2 返回了无效的应答码 %1</translation>
    </message>
    <message>
        <source>accepted (%1)</source>
        <translation>已接受（%1）</translation>
    </message>
    <message>
        <source>the server sent an unexpected reply %1 to %2</source>
        <translation>服务器对 %2 返回了意外的应答 %1</translation>
    </message>
    <message>
        <source>sending with SMTP AUTH is turned off for this mailbox or organisation; an administrator must turn on &quot;Authenticated SMTP&quot; for it (%1)</source>
        <translation>此邮箱或组织已关闭 SMTP AUTH 发送；需要管理员为其开启“Authenticated SMTP”（经过身份验证的 SMTP）（%1）</translation>
    </message>
    <message>
        <source>the organisation&apos;s security defaults block SMTP sign-in for this account; an administrator must allow it (%1)</source>
        <translation>组织的安全默认值阻止了此账户的 SMTP 登录；需要管理员允许（%1）</translation>
    </message>
    <message>
        <source>the server does not allow SMTP sign-in for this mailbox (Authenticated SMTP may be turned off for it) (%1)</source>
        <translation>服务器不允许此邮箱通过 SMTP 登录（可能已为其关闭 Authenticated SMTP）（%1）</translation>
    </message>
    <message>
        <source>the server does not support OAuth2 sign-in with this method (%1)</source>
        <translation>服务器不支持以此方式进行 OAuth2 登录（%1）</translation>
    </message>
    <message>
        <source>the provider wants this account to sign in through its web page first (%1)</source>
        <translation>服务商要求此账户先在其网页上登录（%1）</translation>
    </message>
    <message>
        <source>the access token lacks the permission to send mail; sign in again and allow sending (the server wants the scope &quot;%2&quot;) (%1)</source>
        <translation>访问令牌没有发送邮件的权限；请重新登录并允许发送（服务器要求的权限范围为“%2”）（%1）</translation>
    </message>
    <message>
        <source>the access token does not fit this mailbox: it was issued for another account or without the scope &quot;%2&quot;; sign in again with this mailbox (%1)</source>
        <translation>访问令牌与此邮箱不符：它是为其他账户签发的，或缺少权限范围“%2”；请用此邮箱重新登录（%1）</translation>
    </message>
    <message>
        <source>the server refused the access token: it has expired or was revoked (%1)</source>
        <translation>服务器拒绝了访问令牌：令牌已过期或已被撤销（%1）</translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendArea</name>
    <message>
        <source>Send a &amp;Test Message…</source>
        <translation>发送测试邮件(&amp;T)…</translation>
    </message>
    <message>
        <source>Send summary</source>
        <translation>发送摘要</translation>
    </message>
    <message>
        <source>Checklist before sending</source>
        <translation>发送前检查清单</translation>
    </message>
    <message>
        <source>What a send would do, and what must be fixed first</source>
        <translation>发送将执行的操作，以及必须先解决的问题</translation>
    </message>
    <message>
        <source>Send the message, merged for one recipient, to an address you choose, through this account</source>
        <translation>将为某个收件人合并生成的邮件，通过此账户发送到您指定的地址</translation>
    </message>
    <message>
        <source>Checking the campaign…</source>
        <translation>正在检查群发任务…</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1（以 %2 登录）</translation>
    </message>
    <message>
        <source>Add recipients to send this campaign.</source>
        <translation>添加收件人后才能发送此群发任务。</translation>
    </message>
    <message>
        <source>Each message is about %1.</source>
        <translation>每封邮件约 %1。</translation>
    </message>
    <message>
        <source>Must fix: %1</source>
        <translation>必须解决：%1</translation>
    </message>
    <message>
        <source>Warning: %1</source>
        <translation>警告：%1</translation>
    </message>
    <message>
        <source>Everything checked: nothing stands in the way.</source>
        <translation>全部检查通过：没有任何障碍。</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) will be captured in the Outbox; nothing is delivered.</source>
        <translation>
            <numerusform>%Ln 封邮件将被保存在发件箱中；不投递任何邮件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) ready; choose the account to send them through.</source>
        <translation>
            <numerusform>%Ln 封邮件已就绪；请选择用于发送的账户。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln recipient(s) will receive this message through %1.</source>
        <translation>
            <numerusform>将通过 %1 向 %Ln 个收件人发送此邮件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Fix the items marked below before sending (%Ln blocking).</source>
        <translation>
            <numerusform>发送前请解决下方标记的问题（%Ln 项阻止发送）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Copies to the Sent folder are turned on, but no mailbox (IMAP) server is given: enter it on the account page, or nothing is copied.</source>
        <translation>已开启保存副本到“已发送”文件夹，但未填写邮箱（IMAP）服务器：请在账户页面填写，否则不会保存任何副本。</translation>
    </message>
    <message>
        <source>Copies go to the Sent folder of %1.</source>
        <translation>副本将保存到 %1 的“已发送”文件夹。</translation>
    </message>
    <message numerus="yes">
        <source>%n bounced for good</source>
        <translation>
            <numerusform>%n 个永久退信</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unsubscribed</source>
        <translation>
            <numerusform>%n 个已退订</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n added by hand</source>
        <translation>
            <numerusform>%n 个手动添加</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln address(es) on the account&apos;s suppression list will be skipped</source>
        <translation>
            <numerusform>将跳过此账户禁发名单中的 %Ln 个地址</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (%2).</source>
        <translation>%1（%2）。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between the reasons</comment>
        <translation>，</translation>
    </message>
    <message numerus="yes">
        <source>And %Ln more: Show Only Problems in the recipient list shows every row with a problem.</source>
        <translation>
            <numerusform>另有 %Ln 项：在收件人名单中使用“仅显示问题”可查看所有有问题的行。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendStartFlow</name>
    <message>
        <source>Rehearsal Not Available</source>
        <translation>无法演练</translation>
    </message>
    <message>
        <source>The built-in sandbox could not start, so a rehearsal is not possible. The log says why.</source>
        <translation>内置沙盒无法启动，因此无法进行演练。原因请查看日志。</translation>
    </message>
    <message>
        <source>Saving the campaign first, so that sending can resume after an interruption without sending anyone twice.</source>
        <translation>正在先保存群发任务，以便发送中断后可以继续，而不会重复发送给任何人。</translation>
    </message>
    <message>
        <source>Start Sending</source>
        <translation>开始发送</translation>
    </message>
    <message>
        <source>Choose the account to send through first, or rehearse in the sandbox.</source>
        <translation>请先选择用于发送的账户，或在沙盒中演练。</translation>
    </message>
    <message>
        <source>Rehearse “%1”: %2 messages go to the sandbox inside Bulkmail. Nothing is delivered.</source>
        <translation>演练“%1”：%2 封邮件将发送到 Bulkmail 内置的沙盒。不会实际投递任何邮件。</translation>
    </message>
    <message>
        <source>Send “%1” to %2 recipients through %3?</source>
        <translation>通过 %3 将“%1”发送给 %2 个收件人？</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1（以 %2 登录）</translation>
    </message>
    <message numerus="yes">
        <source>%Ln invalid or duplicate address(es) will be skipped.</source>
        <translation>
            <numerusform>将跳过 %Ln 个无效或重复的地址。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>See the checklist for %n warning(s).</source>
        <translation>
            <numerusform>有 %n 条警告，请查看检查清单。</numerusform>
        </translation>
    </message>
    <message>
        <source>Start Rehearsal</source>
        <translation>开始演练</translation>
    </message>
    <message>
        <source>&amp;Rehearse</source>
        <translation>演练(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>Cannot Send Yet</source>
        <translation>暂时无法发送</translation>
    </message>
    <message>
        <source>Fix these first:

%1</source>
        <translation>请先解决以下问题：

%1</translation>
    </message>
    <message>
        <source>The recipient list changed while sending was being prepared. Start again to send the list as it is now.</source>
        <translation>准备发送期间收件人列表发生了变化。请重新开始，以发送当前的列表。</translation>
    </message>
    <message>
        <source>This account signs in with %1, and nobody has signed in to it yet.</source>
        <translation>此账户需使用 %1 登录，但目前尚未有人登录。</translation>
    </message>
    <message>
        <source>The account&apos;s sign-in settings are incomplete: %1</source>
        <translation>账户的登录设置不完整：%1</translation>
    </message>
    <message>
        <source>%1 is not signed in on this computer. Sign in with %2 first; sending can start after that.</source>
        <translation>%1 尚未在此计算机上登录。请先使用 %2 登录，然后即可开始发送。</translation>
    </message>
    <message>
        <source>The sign-in of %1 could not be read: %2</source>
        <translation>无法读取 %1 的登录信息：%2</translation>
    </message>
    <message>
        <source>&amp;Sign In…</source>
        <translation>登录(&amp;S)…</translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendView</name>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 分 %2 秒</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 小时 %2 分</translation>
    </message>
    <message>
        <source>&amp;Start Sending…</source>
        <translation>开始发送(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>暂停(&amp;P)</translation>
    </message>
    <message>
        <source>Cance&amp;l</source>
        <translation>取消(&amp;L)</translation>
    </message>
    <message>
        <source>Retry &amp;Failed</source>
        <translation>重试失败项(&amp;F)</translation>
    </message>
    <message>
        <source>Re&amp;hearse: send to the built-in sandbox, deliver nothing</source>
        <translation>演练(&amp;H)：发送到内置沙盒，不实际投递</translation>
    </message>
    <message>
        <source>Earlier Sending</source>
        <translation>之前的发送</translation>
    </message>
    <message>
        <source>Check the campaign, confirm, and send it</source>
        <translation>检查群发任务，确认后发送</translation>
    </message>
    <message>
        <source>Finish the messages on their way, then wait</source>
        <translation>发完发送中的邮件，然后等待</translation>
    </message>
    <message>
        <source>Finish the messages on their way and stop; the rest can be sent later without sending anyone twice</source>
        <translation>发完发送中的邮件后停止；其余邮件可以稍后发送，不会重复发送给任何人</translation>
    </message>
    <message>
        <source>Send again to the recipients that failed</source>
        <translation>重新发送给失败的收件人</translation>
    </message>
    <message>
        <source>Sends every message to a mail server inside Bulkmail that keeps them for you to look at (Outbox), so you can check the campaign and watch the connections before sending it for real</source>
        <translation>将每封邮件发送到 Bulkmail 内置的邮件服务器，由它保存下来供您查看（发件箱），这样您可以在正式发送之前检查群发任务并观察连接情况</translation>
    </message>
    <message>
        <source>&amp;Start Rehearsal…</source>
        <translation>开始演练(&amp;S)…</translation>
    </message>
    <message>
        <source>Sending status</source>
        <translation>发送状态</translation>
    </message>
    <message>
        <source>Sending progress</source>
        <translation>发送进度</translation>
    </message>
    <message>
        <source>Why sending waits</source>
        <translation>发送等待原因</translation>
    </message>
    <message>
        <source>Sent:</source>
        <translation>已发送：</translation>
    </message>
    <message>
        <source>Failed:</source>
        <translation>失败：</translation>
    </message>
    <message>
        <source>Waiting to retry:</source>
        <translation>等待重试：</translation>
    </message>
    <message>
        <source>Remaining:</source>
        <translation>剩余：</translation>
    </message>
    <message>
        <source>Rate:</source>
        <translation>速率：</translation>
    </message>
    <message>
        <source>Time left:</source>
        <translation>剩余时间：</translation>
    </message>
    <message>
        <source>Recipient</source>
        <translation>收件人</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>情况</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>处理方式</translation>
    </message>
    <message>
        <source>Unconfirmed recipients</source>
        <translation>未确认的收件人</translation>
    </message>
    <message>
        <source>&amp;Resend All</source>
        <translation>全部重新发送(&amp;R)</translation>
    </message>
    <message>
        <source>Send these messages again: a recipient may get it twice</source>
        <translation>重新发送这些邮件：收件人可能会收到两次</translation>
    </message>
    <message>
        <source>&amp;Mark All as Sent</source>
        <translation>全部标记为已发送(&amp;M)</translation>
    </message>
    <message>
        <source>Assume they arrived: nobody gets it twice, but one may miss it</source>
        <translation>假定已送达：不会有人收到两次，但可能有人漏收</translation>
    </message>
    <message>
        <source>Resend Selected</source>
        <translation>重新发送所选</translation>
    </message>
    <message>
        <source>Mark Selected as Sent</source>
        <translation>将所选标记为已发送</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Server&apos;s answer</source>
        <translation>服务器的回复</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Not sent yet.</source>
        <translation>尚未发送。</translation>
    </message>
    <message>
        <source>Resend</source>
        <translation>重新发送</translation>
    </message>
    <message>
        <source>Start continues with the rest; nobody who got the message receives it twice.</source>
        <translation>“开始”会继续发送其余邮件；已收到邮件的人不会重复收到。</translation>
    </message>
    <message>
        <source>Partly sent: %1 of the list already received it.</source>
        <translation>部分已发送：列表中已有 %1 人收到。</translation>
    </message>
    <message>
        <source>Mark as sent</source>
        <translation>标记为已发送</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Paused: the messages on their way were finished. Resume to go on.</source>
        <translation>已暂停：发送中的邮件已发完。点击“继续”接着发送。</translation>
    </message>
    <message>
        <source>Stopping after the messages on their way…</source>
        <translation>发完发送中的邮件后即停止…</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>继续(&amp;R)</translation>
    </message>
    <message>
        <source>%p% (%1 of %2 done)</source>
        <translation>%p%（已完成 %1 / %2）</translation>
    </message>
    <message>
        <source>%1 a second</source>
        <translation>每秒 %1 封</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>The daily quota is reached: sending continues at %1 if Bulkmail stays open, or resume then.</source>
        <translation>已达到每日配额：如果 Bulkmail 保持打开，将于 %1 继续发送；也可以届时手动继续。</translation>
    </message>
    <message>
        <source>The limit per minute is reached: next message in %1.</source>
        <translation>已达到每分钟限制：下一封邮件将在 %1 后发送。</translation>
    </message>
    <message>
        <source>The server asked to slow down: next message in %1.</source>
        <translation>服务器要求减速：下一封邮件将在 %1 后发送。</translation>
    </message>
    <message>
        <source>Pause between messages: next message in %1.</source>
        <translation>邮件间隔：下一封邮件将在 %1 后发送。</translation>
    </message>
    <message>
        <source>Rate limit: next message in %1.</source>
        <translation>速率限制：下一封邮件将在 %1 后发送。</translation>
    </message>
    <message>
        <source>Stopped: %1</source>
        <translation>已停止：%1</translation>
    </message>
    <message>
        <source>This campaign is already being sent from another window.</source>
        <translation>此活动正在另一个窗口中发送。</translation>
    </message>
    <message>
        <source>This campaign is already being sent by another Bulkmail (%1, process %2 on %3). Wait for that run to finish, or stop it, then send again.</source>
        <translation>此活动正由另一个 Bulkmail 发送（%1，%3 上的进程 %2）。请等待该次发送结束或将其停止，然后再发送。</translation>
    </message>
    <message>
        <source>The send journal could not be saved (%1): if you send this campaign again, the last messages may be held or sent twice.</source>
        <translation>无法保存发送日志（%1）：如果再次发送此活动，最后几封邮件可能会被搁置或发送两次。</translation>
    </message>
    <message>
        <source>The send journal was damaged and has been repaired: %1</source>
        <translation>发送日志已损坏，现已修复：%1</translation>
    </message>
    <message>
        <source>Cancelled: %1 sent, %2 not sent yet. Start again to send the rest.</source>
        <translation>已取消：已发送 %1 封，%2 封尚未发送。再次开始即可发送其余邮件。</translation>
    </message>
    <message>
        <source>Done: every recipient got the message (%1 now, %2 earlier).</source>
        <translation>完成：所有收件人都已收到邮件（本次 %1 封，之前 %2 封）。</translation>
    </message>
    <message>
        <source>Finished: %1 sent, %2 failed. Check the failures below.</source>
        <translation>已结束：%1 封已发送，%2 封失败。请查看下方的失败项。</translation>
    </message>
    <message>
        <source>Sign &amp;In Again…</source>
        <translation>重新登录(&amp;I)…</translation>
    </message>
    <message>
        <source>Sign in to the account in your browser; sending then goes on where it stopped</source>
        <translation>在浏览器中登录此账户；随后将从中断处继续发送</translation>
    </message>
    <message>
        <source>Sign-in needed: %1</source>
        <translation>需要登录：%1</translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n 分钟</numerusform>
        </translation>
    </message>
    <message>
        <source>Failures and delays</source>
        <translation>失败与延迟</translation>
    </message>
    <message>
        <source>F&amp;ailures and delays:</source>
        <translation>失败与延迟(&amp;A)：</translation>
    </message>
    <message>
        <source>%1 a minute</source>
        <translation>每分钟 %1 封</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>deferred by the recipient&apos;s server, retry at %1</source>
        <translation>被收件人的服务器推迟，将于 %1 重试</translation>
    </message>
    <message>
        <source>held: the connection was lost before the server confirmed the message, and the campaign says not to resend it; decide whether to resend it</source>
        <translation>已保留：服务器确认邮件之前连接中断，而活动设置为不重发；请决定是否重发</translation>
    </message>
    <message>
        <source>not confirmed: the connection was lost before the server&apos;s reply, so the message may have arrived</source>
        <translation>未确认：服务器答复之前连接中断，邮件可能已经送达</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Slowed down to %1: the server asked.</source>
        <translation>已减速到%1：服务器要求放慢。</translation>
    </message>
    <message>
        <source>Paused: the server is unavailable. Next try in %1.</source>
        <translation>已暂停：服务器不可用。%1 后重试。</translation>
    </message>
    <message>
        <source>Paused: the server is unavailable (%1). Next try in %2.</source>
        <translation>已暂停：服务器不可用（%1）。%2 后重试。</translation>
    </message>
    <message>
        <source>Next message in %1.</source>
        <translation>下一封邮件在 %1 后发送。</translation>
    </message>
    <message>
        <source>—</source>
        <comment>no rate or time left: nothing is being sent</comment>
        <translation>—</translation>
    </message>
    <message>
        <source>Captured in the Outbox:</source>
        <translation>已保存到发件箱：</translation>
    </message>
    <message>
        <source>Rehearsing: the messages go to the Sandbox Outbox; nothing is delivered…</source>
        <translation>正在演练：邮件进入沙盒发件箱；不投递任何邮件…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) captured in the Outbox</source>
        <translation>
            <numerusform>%Ln 封邮件已保存到发件箱</numerusform>
        </translation>
    </message>
    <message>
        <source>Rehearsal cancelled: %1, %2 not rehearsed; nothing delivered.</source>
        <translation>演练已取消：%1，%2 封未演练；未投递任何邮件。</translation>
    </message>
    <message>
        <source>Rehearsed: %1, %2 failed (see below); nothing delivered.</source>
        <translation>演练完成：%1，%2 封失败（见下方）；未投递任何邮件。</translation>
    </message>
    <message>
        <source>Rehearsed: %1, nothing delivered.</source>
        <translation>演练完成：%1，未投递任何邮件。</translation>
    </message>
    <message>
        <source>Check the campaign, confirm, and rehearse it in the sandbox: nothing is delivered</source>
        <translation>检查群发任务，确认后在沙盒中演练：不投递任何邮件</translation>
    </message>
    <message numerus="yes">
        <source>An earlier run sent %Ln message(s), the last on %1.</source>
        <translation>
            <numerusform>之前的发送共发出 %Ln 封邮件，最后一封于 %1 发出。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>An earlier run sent %Ln message(s).</source>
        <translation>
            <numerusform>之前的发送共发出 %Ln 封邮件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln failed.</source>
        <translation>
            <numerusform>%Ln 封失败。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>For %Ln recipient(s) below the server never confirmed delivery: choose whether to resend or to count them as sent.</source>
        <translation>
            <numerusform>下方 %Ln 个收件人的投递从未得到服务器确认：请选择重新发送，或计为已发送。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Waiting to retry %Ln recipient(s) after a temporary failure.</source>
        <translation>
            <numerusform>暂时失败后，正在等待重试 %Ln 个收件人。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln delivery(ies) could not be confirmed and may have arrived twice.</source>
        <translation>
            <numerusform>%Ln 封邮件的投递无法确认，可能已重复送达。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln message(s) held and not resent: the server never confirmed them, and the campaign says to hold such messages.</source>
        <translation>
            <numerusform>%Ln 封邮件已保留、未重发：服务器始终没有确认，而活动设置为保留此类邮件。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln connection(s) used.</source>
        <translation>
            <numerusform>使用了 %Ln 个连接。</numerusform>
        </translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>已发送</translation>
    </message>
    <message>
        <source>Copies in %1: %2 copied, %3 already there.</source>
        <translation>“%1”中的副本：已保存 %2 封，%3 封原本已在其中。</translation>
    </message>
    <message>
        <source>no reason was given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>%1 not copied yet (%2), kept for the next run.</source>
        <translation>%1 封尚未保存副本（%2），将留到下次运行时保存。</translation>
    </message>
    <message>
        <source>%1 not copied (%2); %3 of them kept for the next run.</source>
        <translation>%1 封未保存副本（%2）；其中 %3 封将留到下次运行时保存。</translation>
    </message>
    <message>
        <source>%1 not copied (%2).</source>
        <translation>%1 封未保存副本（%2）。</translation>
    </message>
    <message>
        <source>The server has not been taking mail for longer than the campaign waits (%1 min); the rest was not sent. Its last answer: %2</source>
        <translation>服务器不收邮件的时间已超过本活动的等待上限（%1 分钟）；其余邮件未发送。服务器最后的答复：%2</translation>
    </message>
    <message>
        <source>The server could not be reached for longer than the campaign waits (%1 min); the rest was not sent. The last attempt: %2</source>
        <translation>无法连接服务器的时间已超过本活动的等待上限（%1 分钟）；其余邮件未发送。最后一次尝试：%2</translation>
    </message>
    <message>
        <source>The account&apos;s sending quota is used up (%1). Nothing was marked failed; send the rest later.</source>
        <translation>此账户的发送配额已用完（%1）。没有任何收件人被标记为失败；请稍后发送其余邮件。</translation>
    </message>
    <message>
        <source>The send journal could not be written (%1), so sending stopped: without it a later run could send someone the message twice.</source>
        <translation>无法写入发送日志（%1），因此已停止发送：没有它，之后再次发送时可能会给某人重复发送邮件。</translation>
    </message>
    <message>
        <source>Nothing was sent: the old send journal %1 could not be moved aside to start afresh.</source>
        <translation>未发送任何邮件：无法将旧的发送日志 %1 移到一旁以便重新开始。</translation>
    </message>
    <message>
        <source>Nothing was sent: the send journal %1 cannot be read (%2).</source>
        <translation>未发送任何邮件：无法读取发送日志 %1（%2）。</translation>
    </message>
    <message>
        <source>Nothing was sent: the send journal %1 cannot be written (%2), so the campaign could not be resumed safely.</source>
        <translation>未发送任何邮件：无法写入发送日志 %1（%2），因此无法安全地继续本活动。</translation>
    </message>
    <message numerus="yes">
        <source>Nothing was sent: %n recipient(s) have a personal attachment that is missing or ambiguous. Fix the files, or let the campaign send the others and hold these.</source>
        <translation>
            <numerusform>未发送任何邮件：%n 位收件人的个人附件缺失或不明确。请修正这些文件，或让本活动先发送其他收件人并保留这些收件人。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing was sent: %n recipient(s) have a personal attachment that is missing or ambiguous (the first: %1). Fix the files, or let the campaign send the others and hold these.</source>
        <translation>
            <numerusform>未发送任何邮件：%n 位收件人的个人附件缺失或不明确（第一个：%1）。请修正文件，或让本次活动发送其他人并暂缓这些收件人。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was sent: the suppression list could not be read, so addresses that asked not to be mailed could not be left out (%1).</source>
        <translation>未发送任何邮件：无法读取屏蔽名单，因此无法排除那些要求不再收信的地址（%1）。</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>密送</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Nothing was sent: the %1 field uses {{%2}}, which is not a column of the recipient list. Correct it in the message, or add the column.</source>
        <translation>未发送任何邮件：%1 字段使用了 {{%2}}，但它不是收件人列表中的列。请在邮件中更正，或添加该列。</translation>
    </message>
    <message numerus="yes">
        <source>Could not connect to %1 %n time(s) in a row; the last attempt: %2</source>
        <translation>
            <numerusform>连续 %n 次无法连接到 %1；最后一次尝试：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>could not connect: %1</source>
        <translation>无法连接：%1</translation>
    </message>
</context>
<context>
    <name>Bulkmail::SendingLimitsPanel</name>
    <message>
        <source>The provider&apos;s published limits</source>
        <translation>服务商公布的限制</translation>
    </message>
    <message>
        <source>Published limits</source>
        <translation>公布的限制</translation>
    </message>
    <message>
        <source>&amp;Use These Limits</source>
        <translation>使用这些限制(&amp;U)</translation>
    </message>
    <message>
        <source>Sets the sending limits below to the published figures; figures the provider does not publish are left as they are.</source>
        <translation>将下方的发送限制设为公布的数值；服务商未公布的数值保持不变。</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Co&amp;nnections at once:</source>
        <translation>同时连接数(&amp;N)：</translation>
    </message>
    <message>
        <source>How many connections to the server are open at the same time. More only help when the server allows them (Office 365 allows 3). The default, %1, is what every server accepts.</source>
        <translation>同时与服务器保持的连接数。只有服务器允许时，增加连接数才有帮助（Office 365 允许 3 个）。默认值 %1 是所有服务器都能接受的。</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>&amp;Messages per connection:</source>
        <translation>每个连接的邮件数(&amp;M)：</translation>
    </message>
    <message>
        <source>After this many messages a connection is closed and a fresh one is opened. The default, %1, follows the connection reuse limits of mail servers such as Postfix, so a connection never grows stale.</source>
        <translation>一个连接发送这么多封邮件后即关闭，并打开一个新连接。默认值 %1 参照了 Postfix 等邮件服务器的连接复用限制，使连接不会失效。</translation>
    </message>
    <message>
        <source> s</source>
        <translation> 秒</translation>
    </message>
    <message>
        <source>Connection &amp;age:</source>
        <translation>连接最长时间(&amp;A)：</translation>
    </message>
    <message>
        <source>A connection older than this is closed after its current message. The default, %1 s, is Postfix&apos;s own reuse time limit: long enough to save work, short enough for servers that end long sessions.</source>
        <translation>超过此时长的连接会在发完当前邮件后关闭。默认值 %1 秒即 Postfix 自身的复用时间上限：既足以节省开销，又不会因会话过长而被服务器中断。</translation>
    </message>
    <message>
        <source>Close &amp;idle connections after:</source>
        <translation>空闲连接关闭时间(&amp;I)：</translation>
    </message>
    <message>
        <source>A connection with nothing to send is closed politely after this long. The default, %1 s, closes it before the server&apos;s own idle timeout cuts it off.</source>
        <translation>没有邮件可发的连接在空闲这么久后会正常关闭。默认值 %1 秒可在服务器自身的空闲超时断开连接之前将其关闭。</translation>
    </message>
    <message>
        <source>Messages per &amp;second:</source>
        <translation>每秒邮件数(&amp;S)：</translation>
    </message>
    <message>
        <source>Messages start at most this often, evenly spread over all connections. The default, %1 a second, is gentle for most servers.</source>
        <translation>邮件开始发送的频率不超过此值，并均匀分布到所有连接上。默认值为每秒 %1 封，对大多数服务器都很温和。</translation>
    </message>
    <message>
        <source>Messages per mi&amp;nute:</source>
        <translation>每分钟邮件数(&amp;N)：</translation>
    </message>
    <message>
        <source>At most this many messages start in any 60 seconds. Set it to the provider&apos;s limit (Office 365: 30); none by default.</source>
        <translation>任意 60 秒内最多开始发送这么多封邮件。请设为服务商的限制（Office 365：30）；默认不限。</translation>
    </message>
    <message>
        <source>Messages per &amp;day:</source>
        <translation>每日邮件数(&amp;D)：</translation>
    </message>
    <message>
        <source>At most this many messages in any 24 hours; the rest wait and continue when the quota frees up. Set it to the provider&apos;s daily quota (Gmail: 500); none by default.</source>
        <translation>任意 24 小时内最多发送这么多封邮件；其余邮件会等待，配额释放后继续发送。请设为服务商的每日配额（Gmail：500）；默认不限。</translation>
    </message>
    <message>
        <source> ms</source>
        <translation> 毫秒</translation>
    </message>
    <message>
        <source>No pause</source>
        <translation>无间隔</translation>
    </message>
    <message>
        <source>De&amp;lay between messages:</source>
        <translation>邮件间隔(&amp;L)：</translation>
    </message>
    <message>
        <source>A pause between the start of one message and the next, whatever the other limits allow. None by default.</source>
        <translation>从一封邮件开始发送到下一封开始发送之间的间隔，无论其他限制是否允许。默认无间隔。</translation>
    </message>
    <message>
        <source>A&amp;ttempts per recipient:</source>
        <translation>每个收件人的尝试次数(&amp;T)：</translation>
    </message>
    <message>
        <source>How often a recipient is tried when the server says &quot;try again later&quot;. The default, %1, with waits doubling from %2 s, rides out a short outage without hammering the server.</source>
        <translation>服务器回复“稍后重试”时，对一个收件人尝试的次数。默认值为 %1 次，等待时间从 %2 秒起逐次加倍，既能挺过短暂的故障，又不会频繁冲击服务器。</translation>
    </message>
    <message>
        <source>Send again, marked &quot;possibly duplicated&quot;</source>
        <translation>再次发送，并标记为“可能重复”</translation>
    </message>
    <message>
        <source>Hold for me to decide</source>
        <translation>保留，由我决定</translation>
    </message>
    <message>
        <source>&amp;Unconfirmed deliveries:</source>
        <translation>未确认的投递(&amp;U)：</translation>
    </message>
    <message>
        <source>When a connection broke after a message was sent but before the server confirmed it, the message may or may not have arrived. By default it is sent again once and marked, so nobody misses it; &quot;Hold&quot; lists it for you instead.</source>
        <translation>如果邮件已发出、但在服务器确认之前连接断开，该邮件可能已送达，也可能没有。默认会再发送一次并加以标记，确保没有人漏收；选择“保留”则会将其列出，由您决定。</translation>
    </message>
    <message>
        <source>Estimated sending time</source>
        <translation>预计发送时间</translation>
    </message>
    <message>
        <source>Estimate:</source>
        <translation>预计：</translation>
    </message>
    <message>
        <source>Per second</source>
        <translation>每秒</translation>
    </message>
    <message>
        <source>Per minute</source>
        <translation>每分钟</translation>
    </message>
    <message>
        <source>Per day</source>
        <translation>每天</translation>
    </message>
    <message>
        <source>Connections at once</source>
        <translation>同时连接数</translation>
    </message>
    <message>
        <source>Recipients per message</source>
        <translation>每封邮件的收件人数</translation>
    </message>
</context>
<context>
    <name>Bulkmail::Sentences</name>
    <message>
        <source> </source>
        <comment>between two sentences of a paragraph; empty in Chinese</comment>
        <translation>​</translation>
    </message>
    <message>
        <source>%1 bytes</source>
        <translation>%1 字节</translation>
    </message>
</context>
<context>
    <name>Bulkmail::ServerPanel</name>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>smtp.example.org</source>
        <translation>smtp.example.org</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>Usually 587 with STARTTLS, or 465 with TLS.</source>
        <translation>通常为 587（STARTTLS）或 465（TLS）。</translation>
    </message>
    <message>
        <source>P&amp;ort:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>S&amp;ecurity:</source>
        <translation>安全性(&amp;E)：</translation>
    </message>
    <message>
        <source>None: the system&apos;s certificate authorities</source>
        <translation>无：使用系统的证书颁发机构</translation>
    </message>
    <message>
        <source>C&amp;hoose...</source>
        <translation>选择(&amp;H)...</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>清除(&amp;L)</translation>
    </message>
    <message>
        <source>Trusted &amp;certificate:</source>
        <translation>受信任的证书(&amp;C)：</translation>
    </message>
    <message>
        <source>Only for a server with its own (self-signed or company) certificate: the PEM file of that certificate. Everything else is still checked.</source>
        <translation>仅适用于使用自有证书（自签名证书或公司证书）的服务器：选择该证书的 PEM 文件。其他各项仍会照常检查。</translation>
    </message>
    <message>
        <source>Choose the Server&apos;s Certificate</source>
        <translation>选择服务器的证书</translation>
    </message>
    <message>
        <source>Certificates (*.pem *.crt *.cer);;All files (*)</source>
        <translation>证书 (*.pem *.crt *.cer);;所有文件 (*)</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a PEM certificate file.</source>
        <translation>“%1”不是 PEM 证书文件。</translation>
    </message>
</context>
<context>
    <name>Bulkmail::StaticAccessTokenSource</name>
    <message>
        <source>the access token from %1 was refused</source>
        <translation>来自 %1 的访问令牌被拒绝</translation>
    </message>
</context>
<context>
    <name>Bulkmail::SuppressionDialog</name>
    <message>
        <source>Suppression List</source>
        <translation>禁发名单</translation>
    </message>
    <message>
        <source>Part of an address, a reason or a detail</source>
        <translation>地址、原因或详情中的一部分</translation>
    </message>
    <message>
        <source>&amp;Find:</source>
        <translation>查找(&amp;F)：</translation>
    </message>
    <message>
        <source>Suppressed addresses</source>
        <translation>禁发的地址</translation>
    </message>
    <message>
        <source>someone@example.org</source>
        <translation>someone@example.org</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>添加(&amp;A)</translation>
    </message>
    <message>
        <source>Never mail this address again from this account.</source>
        <translation>此账户不再向这个地址发信。</translation>
    </message>
    <message>
        <source>Add an a&amp;ddress:</source>
        <translation>添加地址(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>移除(&amp;R)</translation>
    </message>
    <message>
        <source>Takes the selected addresses off the list: campaigns from this account may mail them again.</source>
        <translation>将选中的地址从名单中移除：此账户的群发任务可能会再次向它们发信。</translation>
    </message>
    <message>
        <source>&amp;Undo Remove</source>
        <translation>撤销移除(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Import…</source>
        <translation>导入(&amp;I)…</translation>
    </message>
    <message>
        <source>Adds the addresses of a CSV file with an email column, such as an export of this list.</source>
        <translation>添加 CSV 文件（含邮箱列）中的地址，例如此名单导出的文件。</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>Saves the list as a CSV file that Excel and WPS open.</source>
        <translation>将名单保存为 Excel 和 WPS 都能打开的 CSV 文件。</translation>
    </message>
    <message>
        <source>Suppression list status</source>
        <translation>禁发名单状态</translation>
    </message>
    <message>
        <source>No list is open.</source>
        <translation>尚未打开名单。</translation>
    </message>
    <message>
        <source>The addresses %1 never mails again: hard bounces, unsubscribe requests, and the ones you add. Every campaign from this account skips them, and its checklist says how many.</source>
        <translation>%1 不再发信的地址：硬退信、退订请求，以及您手动添加的地址。此账户的每个群发任务都会跳过这些地址，并在检查清单中说明数量。</translation>
    </message>
    <message>
        <source>Each account has its own suppression list: choose the account on the account page first.</source>
        <translation>每个账户都有自己的禁发名单：请先在账户页面选择账户。</translation>
    </message>
    <message>
        <source>The suppression list cannot be opened: %1</source>
        <translation>无法打开禁发名单：%1</translation>
    </message>
    <message>
        <source>%1 as %2</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Cannot add “%1”: %2</source>
        <translation>无法添加“%1”：%2</translation>
    </message>
    <message>
        <source>Added %1: campaigns from this account skip it.</source>
        <translation>已添加 %1：此账户的群发任务将跳过它。</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n address(es): campaigns from this account may mail them again.</source>
        <translation>
            <numerusform>已移除 %n 个地址：此账户的群发任务可能会再次向它们发信。</numerusform>
        </translation>
    </message>
    <message>
        <source>The rest could not be removed: %1</source>
        <translation>其余地址无法移除：%1</translation>
    </message>
    <message>
        <source>Cannot put “%1” back: %2</source>
        <translation>无法恢复“%1”：%2</translation>
    </message>
    <message numerus="yes">
        <source>Put back %n address(es).</source>
        <translation>
            <numerusform>已恢复 %n 个地址。</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing was imported from “%1”: %2</source>
        <translation>未从“%1”导入任何地址：%2</translation>
    </message>
    <message>
        <source>Imported “%1”: %2 new, %3 already listed.</source>
        <translation>已导入“%1”：新增 %2 个，%3 个原本已在名单中。</translation>
    </message>
    <message>
        <source>Cannot export to “%1”: %2</source>
        <translation>无法导出到“%1”：%2</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n address(es) to “%1”.</source>
        <translation>
            <numerusform>已将 %n 个地址导出到“%1”。</numerusform>
        </translation>
    </message>
    <message>
        <source>The list cannot be read: %1</source>
        <translation>无法读取名单：%1</translation>
    </message>
    <message>
        <source>The list is empty: this account mails every address of its campaigns.</source>
        <translation>名单为空：此账户会向群发任务中的每个地址发信。</translation>
    </message>
    <message numerus="yes">
        <source>%n address(es) (hard bounces: %1, unsubscribed: %2, added by hand: %3).</source>
        <translation>
            <numerusform>%n 个地址（硬退信：%1，退订：%2，手动添加：%3）。</numerusform>
        </translation>
    </message>
    <message>
        <source>Import Suppressed Addresses</source>
        <translation>导入禁发地址</translation>
    </message>
    <message>
        <source>CSV files (*.csv *.txt);;All files (*)</source>
        <translation>CSV 文件 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Export the Suppression List</source>
        <translation>导出禁发名单</translation>
    </message>
    <message>
        <source>suppression-list.csv</source>
        <translation>禁发名单.csv</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Nothing was removed: %1</source>
        <translation>没有移除任何地址：%1</translation>
    </message>
    <message>
        <source>Working on the suppression list…</source>
        <translation>正在处理禁发名单…</translation>
    </message>
</context>
<context>
    <name>Bulkmail::SuppressionTableModel</name>
    <message>
        <source>Hard bounce</source>
        <translation>硬退信</translation>
    </message>
    <message>
        <source>Unsubscribed</source>
        <translation>已退订</translation>
    </message>
    <message>
        <source>Added by hand</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <source>%1
From the campaign: %2</source>
        <translation>%1
来自群发任务：%2</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>加入时间</translation>
    </message>
    <message>
        <source>Detail</source>
        <translation>详情</translation>
    </message>
</context>
<context>
    <name>Bulkmail::TestMessageDialog</name>
    <message>
        <source>Send a Test Message</source>
        <translation>发送测试邮件</translation>
    </message>
    <message>
        <source>Send one message of this campaign to yourself, to see how it looks in a real mail program. It goes out through the campaign&apos;s account, with &quot;[Test]&quot; before the subject.</source>
        <translation>将此群发任务的一封邮件发送给您自己，查看它在真实邮件程序中的效果。邮件通过群发任务的账户发出，主题前会加上“[测试]”。</translation>
    </message>
    <message>
        <source>you@example.org</source>
        <translation>you@example.org</translation>
    </message>
    <message>
        <source>The address the test message goes to.</source>
        <translation>测试邮件的收件地址。</translation>
    </message>
    <message>
        <source>The test message is filled in with this recipient&apos;s values.</source>
        <translation>测试邮件将使用此收件人的数据填写。</translation>
    </message>
    <message>
        <source>(no recipients: the fields stay empty)</source>
        <translation>（没有收件人：字段保持为空）</translation>
    </message>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>Send &amp;to:</source>
        <translation>发送到(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Use the values of:</source>
        <translation>使用以下收件人的数据(&amp;U)：</translation>
    </message>
    <message>
        <source>Sending</source>
        <translation>正在发送</translation>
    </message>
    <message>
        <source>&amp;Send</source>
        <translation>发送(&amp;S)</translation>
    </message>
    <message>
        <source>[Test] </source>
        <extracomment>Put before the subject of a test message; keep the trailing space.</extracomment>
        <translation>[测试] </translation>
    </message>
    <message>
        <source>This is not a valid address. Write it as you@example.org.</source>
        <translation>这不是有效的地址。请写成 you@example.org 的形式。</translation>
    </message>
    <message>
        <source>No sending account is set up for this campaign yet.</source>
        <translation>此群发任务尚未设置发送账户。</translation>
    </message>
    <message>
        <source>The message has a mistake and cannot be sent: %1</source>
        <translation>邮件有错误，无法发送：%1</translation>
    </message>
    <message>
        <source>Subject: %1
From: %2
Through: %3</source>
        <translation>主题：%1
发件人：%2
通过：%3</translation>
    </message>
    <message>
        <source>Enter the address the test message should go to, e.g. you@example.org.</source>
        <translation>请输入测试邮件的收件地址，例如 you@example.org。</translation>
    </message>
    <message>
        <source>Set up the sending account first: the campaign has no mail server.</source>
        <translation>请先设置发送账户：此群发任务没有邮件服务器。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>正在连接 %1…</translation>
    </message>
    <message>
        <source>not encrypted</source>
        <translation>未加密</translation>
    </message>
    <message>
        <source>encrypted: %1</source>
        <translation>已加密：%1</translation>
    </message>
    <message>
        <source>Connected to %1 (%2). Sending the message…</source>
        <translation>已连接到 %1（%2）。正在发送邮件…</translation>
    </message>
    <message>
        <source>The server accepted the test message for %1.</source>
        <translation>服务器已接受发往 %1 的测试邮件。</translation>
    </message>
    <message>
        <source>The server accepted the test message for %1. Its answer: %2</source>
        <translation>服务器已接受发往 %1 的测试邮件。服务器回复：%2</translation>
    </message>
    <message>
        <source>The test message was not sent: %1</source>
        <translation>测试邮件未发送：%1</translation>
    </message>
    <message>
        <source>The message was sent, but the server did not confirm it, so it may or may not arrive at %1.</source>
        <translation>邮件已发出，但服务器未确认，因此可能已送达 %1，也可能没有。</translation>
    </message>
    <message>
        <source>Sending the test message was cancelled.</source>
        <translation>已取消发送测试邮件。</translation>
    </message>
    <message>
        <source>The test message was not sent.</source>
        <translation>测试邮件未发送。</translation>
    </message>
    <message>
        <source>The server refused the test message for %1. Its answer: %2</source>
        <translation>服务器拒绝了发往 %1 的测试邮件。服务器回复：%2</translation>
    </message>
</context>
<context>
    <name>ChecklistWords</name>
    <message>
        <source>The From address is empty.</source>
        <translation>“发件人”地址为空。</translation>
    </message>
    <message>
        <source>The From address “%1” is not a valid address.</source>
        <translation>“发件人”地址“%1”不是有效的地址。</translation>
    </message>
    <message>
        <source>The From address %1 has letters other than English ones before the @: only a server that offers SMTPUTF8 accepts it, and sending stops at the first message if yours does not.</source>
        <translation>“发件人”地址 %1 的 @ 前面有英文字母以外的字符：只有支持 SMTPUTF8 的服务器才接受它；如果您的服务器不支持，发送会在第一封邮件处停止。</translation>
    </message>
    <message>
        <source>The Reply to address “%1” is not a valid address.</source>
        <translation>“回复地址”“%1”不是有效的地址。</translation>
    </message>
    <message>
        <source>No outgoing mail server is given.</source>
        <translation>尚未填写发件服务器。</translation>
    </message>
    <message>
        <source>Security is set to none: the password for %1 crosses the network unencrypted.</source>
        <translation>“安全性”设为无：%1 的密码将以未加密的方式在网络上传输。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate is not checked: anyone in between can read the messages and the password.</source>
        <translation>不检查服务器证书：中间的任何人都能读取邮件和密码。</translation>
    </message>
    <message>
        <source>The trusted certificate file %1 cannot be read: %2</source>
        <translation>无法读取受信任的证书文件 %1：%2</translation>
    </message>
    <message>
        <source>The campaign has no recipients yet: import a list or add rows.</source>
        <translation>此群发任务还没有收件人：请导入名单或添加行。</translation>
    </message>
    <message>
        <source>No recipient has a valid address that is not a duplicate.</source>
        <translation>没有一个收件人拥有有效且不重复的地址。</translation>
    </message>
    <message>
        <source>Row %1 has no email address; it is skipped.</source>
        <translation>第 %1 行没有电子邮件地址；将被跳过。</translation>
    </message>
    <message>
        <source>Row %1: “%2” is not a valid email address; it is skipped.</source>
        <translation>第 %1 行：“%2”不是有效的电子邮件地址；将被跳过。</translation>
    </message>
    <message>
        <source>Row %1: %2 repeats row %3; the address receives one message.</source>
        <translation>第 %1 行：%2 与第 %3 行重复；该地址只收到一封邮件。</translation>
    </message>
    <message>
        <source>Row %1: %2 is probably the same mailbox as %3 on row %4 (they differ only in capital letters); it receives one message.</source>
        <translation>第 %1 行：%2 可能与第 %4 行的 %3 是同一个邮箱（只有大小写不同）；只收到一封邮件。</translation>
    </message>
    <message>
        <source>Row %1: %2 is the same mailbox as row %3; each row gets its own message.</source>
        <translation>第 %1 行：%2 与第 %3 行是同一个邮箱；每一行都会收到自己的邮件。</translation>
    </message>
    <message>
        <source>Row %1: %2 has letters other than English ones before the @: it can be sent only through a server that offers SMTPUTF8.</source>
        <translation>第 %1 行：%2 的 @ 前面有英文字母以外的字符：只能通过支持 SMTPUTF8 的服务器发送。</translation>
    </message>
    <message>
        <source>Row %1 (%2): the Cc or Bcc address “%3” is not valid; the message goes without it.</source>
        <translation>第 %1 行（%2）：抄送或密送地址“%3”无效；邮件将不带它发出。</translation>
    </message>
    <message>
        <source>Cc or Bcc cannot be used: %1</source>
        <translation>无法使用抄送或密送：%1</translation>
    </message>
    <message>
        <source>Row %1 (%2): the message cannot be made: %3</source>
        <translation>第 %1 行（%2）：无法生成邮件：%3</translation>
    </message>
    <message>
        <source>The list changed since you last looked: %1 new, %2 removed.</source>
        <translation>自您上次查看以来名单已更改：新增 %1 个，移除 %2 个。</translation>
    </message>
    <message>
        <source>The Subject has a template mistake: %1</source>
        <translation>“主题”中的模板有错误：%1</translation>
    </message>
    <message>
        <source>The HTML body has a template mistake: %1</source>
        <translation>“HTML 正文”中的模板有错误：%1</translation>
    </message>
    <message>
        <source>The Message text has a template mistake: %1</source>
        <translation>“邮件正文”中的模板有错误：%1</translation>
    </message>
    <message>
        <source> Did you mean {{%1}}?</source>
        <translation>您是不是想用 {{%1}}？</translation>
    </message>
    <message>
        <source>The Subject uses {{%1}}, but no column has that name.</source>
        <translation>“主题”使用了 {{%1}}，但没有这个名称的列。</translation>
    </message>
    <message>
        <source>The HTML body uses {{%1}}, but no column has that name.</source>
        <translation>“HTML 正文”使用了 {{%1}}，但没有这个名称的列。</translation>
    </message>
    <message>
        <source>The Message text uses {{%1}}, but no column has that name.</source>
        <translation>“邮件正文”使用了 {{%1}}，但没有这个名称的列。</translation>
    </message>
    <message>
        <source>The Subject is empty.</source>
        <translation>“主题”为空。</translation>
    </message>
    <message>
        <source>The Message text is empty.</source>
        <translation>“邮件正文”为空。</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3 would be empty.</source>
        <translation>第 %1 行（%2）：%3 将为空。</translation>
    </message>
    <message>
        <source>, </source>
        <comment>between field names</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>The message cannot be made: %1</source>
        <translation>无法生成邮件：%1</translation>
    </message>
    <message>
        <source>The attachment %1 does not exist (moved or deleted?).</source>
        <translation>附件 %1 不存在（已移动或删除？）。</translation>
    </message>
    <message>
        <source>The attachment %1 is a folder, not a file.</source>
        <translation>附件 %1 是文件夹，不是文件。</translation>
    </message>
    <message>
        <source>The attachment %1 cannot be read: %2</source>
        <translation>无法读取附件 %1：%2</translation>
    </message>
    <message>
        <source>Save the campaign first: personal attachments keep what the check finds beside it.</source>
        <translation>请先保存群发任务：个人附件会把检查结果保存在群发任务文件旁边。</translation>
    </message>
    <message>
        <source>Personal attachments cannot be used: %1</source>
        <translation>无法使用个人附件：%1</translation>
    </message>
    <message>
        <source>The record of the last check of personal attachments cannot be read: %1</source>
        <translation>无法读取上次个人附件检查的记录：%1</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3. Its message will be held.</source>
        <translation>第 %1 行（%2）：%3。其邮件将被暂缓。</translation>
    </message>
    <message>
        <source>Row %1 (%2): %3.</source>
        <translation>第 %1 行（%2）：%3。</translation>
    </message>
    <message>
        <source>The PDF password cannot be made: %1</source>
        <translation>无法生成 PDF 密码：%1</translation>
    </message>
    <message>
        <source>Row %1 (%2): the column that gives the PDF its password is empty. Its message will be held.</source>
        <translation>第 %1 行（%2）：提供 PDF 密码的列为空。其邮件将被暂缓。</translation>
    </message>
    <message>
        <source>Row %1 (%2): the column that gives the PDF its password is empty.</source>
        <translation>第 %1 行（%2）：提供 PDF 密码的列为空。</translation>
    </message>
    <message>
        <source>Row %1 (%2): a personal attachment cannot be read: %3</source>
        <translation>第 %1 行（%2）：无法读取一个个人附件：%3</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) in the personal files folder match no recipient: %1</source>
        <translation>
            <numerusform>个人文件文件夹中有 %n 个文件不对应任何收件人：%1</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <comment>between file names</comment>
        <translation>、</translation>
    </message>
    <message>
        <source>A personal attachment changed since the last check: %1</source>
        <translation>自上次检查以来有个人附件已更改：%1</translation>
    </message>
    <message>
        <source>Messages are up to %1 each (attachments: %2 on disk, a third more once encoded): many providers refuse messages above 20–25 MB.</source>
        <translation>每封邮件最大 %1（附件：磁盘上 %2，编码后再多三分之一）：许多邮件服务商拒收超过 20–25 MB 的邮件。</translation>
    </message>
    <message>
        <source>Show row %1</source>
        <translation>显示第 %1 行</translation>
    </message>
    <message>
        <source>Enter the From address</source>
        <translation>填写“发件人”地址</translation>
    </message>
    <message>
        <source>Correct Reply to</source>
        <translation>更正“回复地址”</translation>
    </message>
    <message>
        <source>Edit the Subject</source>
        <translation>编辑“主题”</translation>
    </message>
    <message>
        <source>Edit the Message text</source>
        <translation>编辑“邮件正文”</translation>
    </message>
    <message>
        <source>Edit the HTML body</source>
        <translation>编辑“HTML 正文”</translation>
    </message>
    <message>
        <source>Edit Cc</source>
        <translation>编辑“抄送”</translation>
    </message>
    <message>
        <source>Edit Bcc</source>
        <translation>编辑“密送”</translation>
    </message>
    <message>
        <source>Show the Attachments</source>
        <translation>显示“附件”</translation>
    </message>
    <message>
        <source>Show the personal files</source>
        <translation>显示个人文件</translation>
    </message>
    <message>
        <source>Enter the outgoing mail server on the Account page</source>
        <translation>在“账户与发送”页填写发件服务器</translation>
    </message>
    <message>
        <source>Choose Security on the Account page</source>
        <translation>在“账户与发送”页选择“安全性”</translation>
    </message>
    <message>
        <source>Enter the Username on the Account page</source>
        <translation>在“账户与发送”页填写“用户名”</translation>
    </message>
    <message>
        <source>Choose the certificate on the Account page</source>
        <translation>在“账户与发送”页选择证书</translation>
    </message>
    <message>
        <source>Show the recipient list</source>
        <translation>显示收件人名单</translation>
    </message>
    <message>
        <source>Personal attachments: choose the folder of the recipients&apos; own files.</source>
        <translation>个人附件：请选择存放收件人各自文件的文件夹。</translation>
    </message>
    <message>
        <source>Personal attachments: the folder %1 does not exist.</source>
        <translation>个人附件：文件夹 %1 不存在。</translation>
    </message>
    <message>
        <source>Personal attachments: rule %1 is empty.</source>
        <translation>个人附件：规则 %1 为空。</translation>
    </message>
    <message>
        <source>Personal attachments: rule %1 names the column “%2”, which the list does not have.</source>
        <translation>个人附件：规则 %1 指定的列“%2”在名单中不存在。</translation>
    </message>
    <message>
        <source>Personal attachments: rule %1 (%2) uses the field “%3”, which the list does not have.</source>
        <translation>个人附件：规则 %1（%2）使用的字段“%3”在名单中不存在。</translation>
    </message>
</context>
<context>
    <name>CloseNoteWords</name>
    <message>
        <source>the server replied %1</source>
        <translation>服务器回复 %1</translation>
    </message>
    <message>
        <source>the server closed the connection</source>
        <translation>服务器关闭了连接</translation>
    </message>
    <message>
        <source>the server closed the connection before answering QUIT</source>
        <translation>服务器在回复 QUIT 之前关闭了连接</translation>
    </message>
    <message>
        <source>closed before the session was established</source>
        <translation>会话建立之前即已关闭</translation>
    </message>
    <message numerus="yes">
        <source>could not connect to %1 within %n second(s)</source>
        <translation>
            <numerusform>%n 秒内未能连接到 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>could not finish the TLS handshake with %1 within %n second(s)</source>
        <translation>
            <numerusform>%n 秒内未能与 %1 完成 TLS 握手</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no reply to %1 within %n second(s)</source>
        <translation>
            <numerusform>%n 秒内 %1 没有得到回复</numerusform>
        </translation>
    </message>
    <message>
        <source>no reply to QUIT</source>
        <translation>QUIT 没有得到回复</translation>
    </message>
    <message>
        <source>QUIT was answered with %1</source>
        <translation>QUIT 的回复是 %1</translation>
    </message>
    <message>
        <source>the server sent something that is not an SMTP reply (%1)</source>
        <translation>服务器发来的内容不是 SMTP 回复（%1）</translation>
    </message>
    <message>
        <source>the server replied when no command was waiting for a reply: %1</source>
        <translation>没有命令在等待回复时服务器发来了回复：%1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <comment>the server&apos;s address, the network&apos;s error</comment>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>the health check (NOOP) was answered with %1</source>
        <translation>健康检查（NOOP）的回复是 %1</translation>
    </message>
    <message>
        <source>the server refused RSET: %1</source>
        <translation>服务器拒绝了 RSET：%1</translation>
    </message>
    <message>
        <source>the server refused EHLO: %1</source>
        <translation>服务器拒绝了 EHLO：%1</translation>
    </message>
    <message>
        <source>unexpected reply to %1: %2</source>
        <translation>对 %1 的意外回复：%2</translation>
    </message>
    <message>
        <source>unexpected AUTH %1 challenge from the server</source>
        <translation>服务器发来了意外的 AUTH %1 质询</translation>
    </message>
    <message>
        <source>unexpected second AUTH %1 challenge from the server</source>
        <translation>服务器发来了意外的第二个 AUTH %1 质询</translation>
    </message>
    <message>
        <source>the server replied for a message that was not being sent</source>
        <translation>服务器针对一封并未在发送的邮件作了回复</translation>
    </message>
    <message>
        <source>the recipient was refused after a copy was accepted: the message was abandoned so that the copy alone gets nothing</source>
        <translation>抄送已被接受后收件人却被拒绝：已放弃这封邮件，以免只有抄送收到</translation>
    </message>
    <message>
        <source>the message was not finished: %1</source>
        <translation>邮件未能发完：%1</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was rejected: %1. To trust a self-signed or private certificate, choose its PEM file in the account&apos;s settings.</source>
        <translation>服务器的 TLS 证书被拒绝：%1。若要信任自签名或私有证书，请在账户设置中选择其 PEM 文件。</translation>
    </message>
    <message>
        <source>The server&apos;s TLS certificate was rejected: %1. Certificate: %2. To trust a self-signed or private certificate, choose its PEM file in the account&apos;s settings.</source>
        <translation>服务器的 TLS 证书被拒绝：%1。证书：%2。若要信任自签名或私有证书，请在账户设置中选择其 PEM 文件。</translation>
    </message>
    <message>
        <source>The encrypted connection (TLS) with %1 could not be set up: %2</source>
        <translation>无法与 %1 建立加密连接（TLS）：%2</translation>
    </message>
    <message>
        <source>The server %1 does not offer STARTTLS, and this account requires encryption: nothing was sent unencrypted.</source>
        <translation>服务器 %1 不提供 STARTTLS，而此账户要求加密：未以明文发送任何内容。</translation>
    </message>
    <message>
        <source>The server %1 does not support EHLO, so it cannot offer STARTTLS, and this account requires encryption.</source>
        <translation>服务器 %1 不支持 EHLO，因而无法提供 STARTTLS，而此账户要求加密。</translation>
    </message>
    <message>
        <source>The server refused STARTTLS (%1), and this account requires encryption.</source>
        <translation>服务器拒绝了 STARTTLS（%1），而此账户要求加密。</translation>
    </message>
    <message>
        <source>The server %1 does not offer a login on this connection, but the account has a user name.</source>
        <translation>服务器 %1 在此连接上不提供登录，但此账户设置了用户名。</translation>
    </message>
    <message>
        <source>The server offers no login method Bulkmail supports (it offers %1; Bulkmail supports PLAIN and LOGIN).</source>
        <translation>服务器不提供 Bulkmail 支持的登录方式（它提供 %1；Bulkmail 支持 PLAIN 和 LOGIN）。</translation>
    </message>
    <message>
        <source>The server %1 does not offer OAuth2 sign-in: sign in with a password for this server instead.</source>
        <translation>服务器 %1 不支持 OAuth2 登录：请改用密码登录此服务器。</translation>
    </message>
    <message>
        <source>The server %1 does not offer OAuth2 sign-in (it offers %2): sign in with a password for this server instead.</source>
        <translation>服务器 %1 不支持 OAuth2 登录（它提供 %2）：请改用密码登录此服务器。</translation>
    </message>
    <message>
        <source>Signing in with OAuth2 needs the mailbox address: enter it as the account&apos;s user name.</source>
        <translation>OAuth2 登录需要邮箱地址：请将其填写为账户的用户名。</translation>
    </message>
    <message>
        <source>The certificate file chosen to trust cannot be read as a PEM certificate: %1. Choose the file again in the account&apos;s settings.</source>
        <translation>选定信任的证书文件无法作为 PEM 证书读取：%1。请在账户设置中重新选择该文件。</translation>
    </message>
    <message>
        <source>no OAuth2 access token could be had: %1</source>
        <translation>无法获取 OAuth2 访问令牌：%1</translation>
    </message>
</context>
<context>
    <name>EngineNoteWords</name>
    <message>
        <source>the address bounced for good</source>
        <translation>该地址已永久退信</translation>
    </message>
    <message>
        <source>the recipient unsubscribed</source>
        <translation>收件人已退订</translation>
    </message>
    <message>
        <source>added by hand</source>
        <translation>手动添加</translation>
    </message>
    <message>
        <source>the message could not be composed: %1</source>
        <translation>无法生成邮件：%1</translation>
    </message>
    <message numerus="yes">
        <source>gave up after %n attempt(s)</source>
        <translation>
            <numerusform>尝试 %n 次后已放弃</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>next attempt in %n second(s)</source>
        <translation>
            <numerusform>%n 秒后再次尝试</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the server is unavailable: sending paused for %n second(s)</source>
        <translation>
            <numerusform>服务器不可用：发送暂停 %n 秒</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the connection failed %n time(s) while this message was being sent; not tried again</source>
        <translation>
            <numerusform>发送此邮件时连接失败了 %n 次；不再重试</numerusform>
        </translation>
    </message>
    <message>
        <source>the connection was lost after the message was sent, before the server confirmed it: held, not resent (the campaign says to hold such messages); decide whether to resend it</source>
        <translation>邮件发出后、服务器确认之前连接中断：已保留，未重发（本活动设置为保留此类邮件）；请决定是否重发</translation>
    </message>
    <message>
        <source>the connection was lost again before the server confirmed the message: not resent a second time; delivery unconfirmed</source>
        <translation>服务器确认邮件之前连接再次中断：不再第二次重发；投递未确认</translation>
    </message>
    <message>
        <source>the connection was lost before the server confirmed the message: sending it once more (the recipient may get it twice)</source>
        <translation>服务器确认邮件之前连接中断：将再发送一次（收件人可能收到两封）</translation>
    </message>
    <message>
        <source>not a valid address: nothing was sent</source>
        <translation>地址无效：未发送任何邮件</translation>
    </message>
    <message>
        <source>the same address as row %1, which gets the message: not sent twice</source>
        <translation>与第 %1 行的地址相同，该行会收到邮件：不重复发送</translation>
    </message>
    <message>
        <source>delivery was not confirmed in an earlier run: held, not resent; decide whether to resend it</source>
        <translation>上次发送时投递未确认：已保留，未重发；请决定是否重发</translation>
    </message>
    <message>
        <source>on the suppression list since %1 (%2): not sent</source>
        <translation>自 %1 起在禁发名单中（%2）：未发送</translation>
    </message>
    <message>
        <source>on the suppression list since %1 (%2: %3): not sent</source>
        <translation>自 %1 起在禁发名单中（%2：%3）：未发送</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <comment>the server&apos;s words, then the engine&apos;s note</comment>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>rule %1 (column %2)</source>
        <translation>规则 %1（列 %2）</translation>
    </message>
    <message>
        <source>rule %1 (%2)</source>
        <translation>规则 %1（%2）</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n files match (%2); Bulkmail never guesses</source>
        <translation>
            <numerusform>%1：有 %n 个文件匹配（%2）；Bulkmail 从不猜测</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: the field it uses is empty</source>
        <translation>%1：它使用的字段为空</translation>
    </message>
    <message>
        <source>%1: the value is not a plain file name</source>
        <translation>%1：该值不是单纯的文件名</translation>
    </message>
    <message>
        <source>%1: no file matches</source>
        <translation>%1：没有匹配的文件</translation>
    </message>
    <message>
        <source>personal attachment: %1</source>
        <translation>个人附件：%1</translation>
    </message>
    <message>
        <source>; </source>
        <comment>between two problems</comment>
        <translation>；</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; is gone since the check</source>
        <translation>个人附件“%1”在检查之后已不存在</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; changed since the check (%2 bytes then, %3 now)</source>
        <translation>个人附件“%1”在检查之后已更改（当时 %2 字节，现在 %3 字节）</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; changed since the check (modified %2)</source>
        <translation>个人附件“%1”在检查之后已更改（修改于 %2）</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; changed since the check (its content differs)</source>
        <translation>个人附件“%1”在检查之后已更改（内容不同）</translation>
    </message>
    <message>
        <source>personal attachment: the field that gives the PDF its password is empty</source>
        <translation>个人附件：提供 PDF 密码的字段为空</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot;: the field that gives the PDF its password is empty</source>
        <translation>个人附件“%1”：提供 PDF 密码的字段为空</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; was not checked: run the check first</source>
        <translation>个人附件“%1”尚未检查：请先运行检查</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot; is not a PDF, so it cannot be protected</source>
        <translation>个人附件“%1”不是 PDF，因此无法加密保护</translation>
    </message>
    <message>
        <source>personal attachment &quot;%1&quot;: %2</source>
        <translation>个人附件“%1”：%2</translation>
    </message>
    <message>
        <source>the connection ended after the message was sent, before the server confirmed it</source>
        <translation>邮件发出后、服务器确认之前连接已结束</translation>
    </message>
    <message>
        <source>the copy waiting to go to Sent cannot be read: %1</source>
        <translation>等待存入“已发送”的副本无法读取：%1</translation>
    </message>
    <message>
        <source>the mail server refused the copy: %1</source>
        <translation>邮件服务器拒绝了该副本：%1</translation>
    </message>
    <message numerus="yes">
        <source>the connection to the mailbox ended %n time(s) while copying it (%1)</source>
        <translation>
            <numerusform>复制时与邮箱的连接中断了 %n 次（%1）</numerusform>
        </translation>
    </message>
    <message>
        <source>the folder &quot;%1&quot; was not found on %2</source>
        <translation>在 %2 上找不到文件夹“%1”</translation>
    </message>
    <message>
        <source>no Sent folder was found on %1: name one in the account&apos;s settings</source>
        <translation>在 %1 上找不到“已发送”文件夹：请在账户设置中指定一个</translation>
    </message>
    <message>
        <source>the Sent folder&apos;s name cannot be used</source>
        <translation>“已发送”文件夹的名称无法使用</translation>
    </message>
    <message>
        <source>the Sent folder &quot;%1&quot; cannot be opened: %2</source>
        <translation>无法打开“已发送”文件夹“%1”：%2</translation>
    </message>
    <message numerus="yes">
        <source>the mailbox server %1 failed %n time(s) in a row: %2</source>
        <translation>
            <numerusform>邮箱服务器 %1 连续失败 %n 次：%2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no OAuth2 access token could be had for the mailbox server %1 (%n tries in a row): %2</source>
        <translation>
            <numerusform>无法为邮箱服务器 %1 取得 OAuth2 访问令牌（连续尝试 %n 次）：%2</numerusform>
        </translation>
    </message>
    <message>
        <source>no password for the mailbox %1: enter the account&apos;s password</source>
        <translation>邮箱 %1 没有密码：请输入账户密码</translation>
    </message>
    <message>
        <source>the mailbox server refused the user name or password: %1</source>
        <translation>邮箱服务器拒绝了用户名或密码：%1</translation>
    </message>
    <message>
        <source>the mailbox server refused the sign-in with %1: %2</source>
        <translation>邮箱服务器拒绝了以 %1 登录：%2</translation>
    </message>
    <message>
        <source>the mailbox server %1 does not accept a password without encryption: choose TLS or STARTTLS</source>
        <translation>邮箱服务器 %1 不接受未加密的密码：请选择 TLS 或 STARTTLS</translation>
    </message>
    <message>
        <source>the mailbox server %1 cannot take this user name or password (it accepts only plain ASCII characters)</source>
        <translation>邮箱服务器 %1 无法接受此用户名或密码（它只接受 ASCII 字符）</translation>
    </message>
    <message>
        <source>the mailbox server&apos;s TLS certificate was rejected: %1. To trust a self-signed or private certificate, name its PEM file</source>
        <translation>邮箱服务器的 TLS 证书被拒绝：%1。若要信任自签名或私有证书，请指定其 PEM 文件</translation>
    </message>
    <message>
        <source>the mailbox server %1 does not offer STARTTLS, and this account requires encryption: nothing was sent to it unencrypted</source>
        <translation>邮箱服务器 %1 不提供 STARTTLS，而此账户要求加密：未以明文向其发送任何内容</translation>
    </message>
    <message>
        <source>the mailbox server %1 refused STARTTLS (%2), and this account requires encryption</source>
        <translation>邮箱服务器 %1 拒绝了 STARTTLS（%2），而此账户要求加密</translation>
    </message>
    <message>
        <source>the mailbox server %1 signed in before encryption started, and this account requires encryption</source>
        <translation>邮箱服务器 %1 在加密开始前就已登录，而此账户要求加密</translation>
    </message>
    <message>
        <source>From</source>
        <translation>发件人</translation>
    </message>
    <message>
        <source>Reply-To</source>
        <translation>回复地址</translation>
    </message>
    <message>
        <source>the recipient&apos;s address</source>
        <translation>收件人地址</translation>
    </message>
    <message>
        <source>Cc</source>
        <translation>抄送</translation>
    </message>
    <message>
        <source>Bcc</source>
        <translation>密送</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid email address</source>
        <translation>%1：“%2”不是有效的电子邮件地址</translation>
    </message>
    <message>
        <source>%1: the address cannot be read (%2)</source>
        <translation>%1：无法识别该地址（%2）</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; has non-ASCII letters before the @, and the server does not accept such addresses (SMTPUTF8)</source>
        <translation>%1：“%2”的 @ 前含有非 ASCII 字符，而服务器不接受此类地址（SMTPUTF8）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; cannot be used as the domain of a Message-ID</source>
        <translation>“%1”不能用作 Message-ID 的域名</translation>
    </message>
    <message>
        <source>extra header: &quot;%1&quot; is not a valid header name</source>
        <translation>附加邮件头：“%1”不是有效的邮件头名称</translation>
    </message>
    <message>
        <source>extra header: &quot;%1&quot; is set by Bulkmail and cannot be set by hand</source>
        <translation>附加邮件头：“%1”由 Bulkmail 设置，不能手动设置</translation>
    </message>
    <message>
        <source>a header line would be longer than %1 bytes</source>
        <translation>某个邮件头行将超过 %1 字节</translation>
    </message>
    <message>
        <source>attachment &quot;%1&quot;: the file does not exist</source>
        <translation>附件“%1”：文件不存在</translation>
    </message>
    <message>
        <source>attachment &quot;%1&quot;: not a file</source>
        <translation>附件“%1”：不是文件</translation>
    </message>
    <message>
        <source>attachment &quot;%1&quot;: the file cannot be read (%2)</source>
        <translation>附件“%1”：无法读取文件（%2）</translation>
    </message>
    <message>
        <source>the message could not be written</source>
        <translation>无法生成邮件</translation>
    </message>
    <message>
        <source>the mailbox server closed the connection</source>
        <translation>邮箱服务器关闭了连接</translation>
    </message>
    <message>
        <source>the mailbox server %1 sent something that is not IMAP (%2)</source>
        <translation>邮箱服务器 %1 发送的内容不是 IMAP（%2）</translation>
    </message>
    <message>
        <source>the encrypted connection (TLS) with the mailbox server %1 could not be set up: %2</source>
        <translation>无法与邮箱服务器 %1 建立加密连接（TLS）：%2</translation>
    </message>
    <message>
        <source>the connection to the mailbox server %1 failed: %2</source>
        <translation>与邮箱服务器 %1 的连接失败：%2</translation>
    </message>
    <message numerus="yes">
        <source>could not connect to the mailbox server %1 within %n second(s)</source>
        <translation>
            <numerusform>无法在 %n 秒内连接到邮箱服务器 %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>the mailbox server %1 did not answer within %n second(s)</source>
        <translation>
            <numerusform>邮箱服务器 %1 在 %n 秒内没有应答</numerusform>
        </translation>
    </message>
    <message>
        <source>the mailbox server %1 answered a command that was not sent (tag %2)</source>
        <translation>邮箱服务器 %1 应答了一条未发送的命令（标记 %2）</translation>
    </message>
    <message>
        <source>%1 did not greet as a mailbox server (IMAP) does</source>
        <translation>%1 没有像邮箱服务器（IMAP）那样发出问候</translation>
    </message>
    <message>
        <source>the mailbox server %1 refused the connection: %2</source>
        <translation>邮箱服务器 %1 拒绝了连接：%2</translation>
    </message>
    <message>
        <source>the mailbox server %1 asked for more with no command waiting for it</source>
        <translation>邮箱服务器 %1 在没有等待中的命令时要求继续发送</translation>
    </message>
    <message>
        <source>the mailbox server %1 asked for more than the command has</source>
        <translation>邮箱服务器 %1 要求的内容超出了命令本身</translation>
    </message>
    <message>
        <source>Cc (all messages)</source>
        <translation>抄送（所有邮件）</translation>
    </message>
    <message>
        <source>Bcc (all messages)</source>
        <translation>密送（所有邮件）</translation>
    </message>
    <message>
        <source>unsubscribe mailbox</source>
        <translation>退订邮箱</translation>
    </message>
    <message>
        <source>PDF password</source>
        <translation>PDF 密码</translation>
    </message>
    <message>
        <source>%1: there is no column &quot;%2&quot; among the recipients&apos; fields</source>
        <translation>%1：收件人字段中没有“%2”列</translation>
    </message>
    <message>
        <source>unsubscribe link &quot;%1&quot;: it contains a space, a control character or &lt;&gt;</source>
        <translation>退订链接“%1”：其中含有空格、控制字符或 &lt;&gt;</translation>
    </message>
    <message>
        <source>unsubscribe link &quot;%1&quot;: it must start with https://, http:// or mailto:</source>
        <translation>退订链接“%1”：必须以 https://、http:// 或 mailto: 开头</translation>
    </message>
    <message>
        <source>the PDF password is empty</source>
        <translation>PDF 密码为空</translation>
    </message>
    <message>
        <source>the PDF cannot be protected with a password (%1)</source>
        <translation>无法为 PDF 设置密码保护（%1）</translation>
    </message>
    <message>
        <source>Unclosed tag at line %1, column %2</source>
        <translation>第 %1 行第 %2 列的标签未闭合</translation>
    </message>
    <message>
        <source>Unclosed section &quot;%1&quot; at line %2, column %3</source>
        <translation>第 %2 行第 %3 列的区块“%1”未闭合</translation>
    </message>
    <message>
        <source>Unopened section &quot;%1&quot; at line %2, column %3</source>
        <translation>第 %2 行第 %3 列的区块“%1”没有对应的开头标签</translation>
    </message>
    <message>
        <source>Invalid set delimiter tag at line %1, column %2</source>
        <translation>第 %1 行第 %2 列的分隔符设置标签无效</translation>
    </message>
    <message>
        <source>Partial &quot;%1&quot; at line %2, column %3: partials are not supported</source>
        <translation>第 %2 行第 %3 列的子模板“%1”：不支持子模板</translation>
    </message>
    <message>
        <source>Field &quot;%1&quot; at line %2, column %3: names with a dot are not supported</source>
        <translation>第 %2 行第 %3 列的字段“%1”：不支持名称中带点号</translation>
    </message>
    <message>
        <source>a note this version of Bulkmail does not know</source>
        <translation>此版本的 Bulkmail 不认识的说明</translation>
    </message>
    <message>
        <source>a note this version of Bulkmail does not know: %1</source>
        <translation>此版本的 Bulkmail 不认识的说明：%1</translation>
    </message>
</context>
<context>
    <name>ErrorWords</name>
    <message>
        <source>“%1” cannot be opened: %2</source>
        <translation>无法打开“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” cannot be read: %2</source>
        <translation>无法读取“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” cannot be written: %2</source>
        <translation>无法写入“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” cannot be saved: %2</source>
        <translation>无法保存“%1”：%2</translation>
    </message>
    <message>
        <source>“%1” does not exist</source>
        <translation>“%1”不存在</translation>
    </message>
</context>
<context>
    <name>RecipientValidation</name>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>recipient %1</source>
        <translation>第 %1 位收件人</translation>
    </message>
    <message>
        <source>%1: no email address</source>
        <translation>%1：没有电子邮件地址</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is not a valid email address</source>
        <translation>%1：“%2”不是有效的电子邮件地址</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; duplicates %3; it receives one message</source>
        <translation>%1：“%2”与%3重复；只会收到一封邮件</translation>
    </message>
    <message>
        <source>%1: &quot;%2&quot; is probably the same mailbox as &quot;%3&quot; on %4 (the addresses differ only in case)</source>
        <translation>%1：“%2”与%4的“%3”可能是同一个邮箱（两个地址只有大小写不同）</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Prepare and send a personalised bulk mailing.</source>
        <translation>准备并发送个性化的群发邮件。</translation>
    </message>
    <message>
        <source>Open the sample campaign, set to rehearse in the built-in sandbox (what the first start shows).</source>
        <translation>打开示例群发任务，并设为在内置沙盒中演练（即首次启动时显示的内容）。</translation>
    </message>
    <message>
        <source>A campaign (.bulkmail) to open.</source>
        <translation>要打开的群发任务（.bulkmail）。</translation>
    </message>
</context>
</TS>
