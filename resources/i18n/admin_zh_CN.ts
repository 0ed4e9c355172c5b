<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdminScreen</name>
    <message>
        <source>Scanners</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>The admin tab is for admins only.</source>
        <translation>管理页面仅供管理员使用。</translation>
    </message>
    <message>
        <source>Server sign-in…</source>
        <translation>登录服务器…</translation>
    </message>
    <message>
        <source>Signed in to the server.</source>
        <translation>已登录服务器。</translation>
    </message>
    <message>
        <source>Signing in to the server…</source>
        <translation>正在登录服务器…</translation>
    </message>
    <message>
        <source>The %1 page is not available in this build.</source>
        <translation>此版本中没有 %1 页面。</translation>
    </message>
    <message>
        <source>This page does not take scans.</source>
        <translation>此页面不接受扫描。</translation>
    </message>
    <message>
        <source>Not signed in to the server yet.</source>
        <translation>尚未登录服务器。</translation>
    </message>
</context>
<context>
    <name>AuditPage</name>
    <message>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <source>name or badge</source>
        <translation>姓名或工牌</translation>
    </message>
    <message>
        <source>e.g. user. or exception.</source>
        <translation>例如 user. 或 exception.</translation>
    </message>
    <message>
        <source>This station</source>
        <translation>本工作站</translation>
    </message>
    <message>
        <source>Server (all stations)</source>
        <translation>服务器（所有工作站）</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>到</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>The server is not configured.</source>
        <translation>尚未配置服务器。</translation>
    </message>
    <message>
        <source>Asking the server…</source>
        <translation>正在询问服务器…</translation>
    </message>
    <message>
        <source>The server did not answer: %1</source>
        <translation>服务器没有响应：%1</translation>
    </message>
    <message>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>已导出到 %1</translation>
    </message>
</context>
<context>
    <name>AuditTexts</name>
    <message>
        <source>User created</source>
        <translation>创建用户</translation>
    </message>
    <message>
        <source>User changed</source>
        <translation>修改用户</translation>
    </message>
    <message>
        <source>User disabled</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <source>User enabled</source>
        <translation>启用用户</translation>
    </message>
    <message>
        <source>User change rejected</source>
        <translation>用户变更被拒绝</translation>
    </message>
    <message>
        <source>Login</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>Logout</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Login refused</source>
        <translation>登录被拒</translation>
    </message>
    <message>
        <source>Locked out</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>Station settings saved</source>
        <translation>保存工作站设置</translation>
    </message>
    <message>
        <source>Scanners saved</source>
        <translation>保存扫描器</translation>
    </message>
    <message>
        <source>Kiosk closed</source>
        <translation>关闭自助终端</translation>
    </message>
    <message>
        <source>Pick batch started</source>
        <translation>开始拣货批次</translation>
    </message>
    <message>
        <source>Pick batch paused</source>
        <translation>暂停拣货批次</translation>
    </message>
    <message>
        <source>Pick batch resumed</source>
        <translation>继续拣货批次</translation>
    </message>
    <message>
        <source>Pick batch finished</source>
        <translation>完成拣货批次</translation>
    </message>
    <message>
        <source>Order closed short</source>
        <translation>订单缺件封箱</translation>
    </message>
    <message>
        <source>Supervisor approval refused</source>
        <translation>主管批准被拒</translation>
    </message>
    <message>
        <source>Label reprinted</source>
        <translation>重打标签</translation>
    </message>
    <message>
        <source>Print job cancelled</source>
        <translation>取消打印任务</translation>
    </message>
    <message>
        <source>Order released</source>
        <translation>释放订单</translation>
    </message>
    <message>
        <source>Order cancelled</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Order re-allocated</source>
        <translation>重新分配订单</translation>
    </message>
    <message>
        <source>Count assigned</source>
        <translation>安排盘点</translation>
    </message>
    <message>
        <source>Exception dismissed</source>
        <translation>忽略异常</translation>
    </message>
    <message>
        <source>User change approved</source>
        <translation>批准用户变更</translation>
    </message>
    <message>
        <source>user {person}</source>
        <translation>用户 {person}</translation>
    </message>
    <message>
        <source>order {id}</source>
        <translation>订单 {id}</translation>
    </message>
    <message>
        <source>exception {id}</source>
        <translation>异常 {id}</translation>
    </message>
    <message>
        <source>pick batch {id}</source>
        <translation>拣货批次 {id}</translation>
    </message>
    <message>
        <source>carton SSCC {id}</source>
        <translation>纸箱 SSCC {id}</translation>
    </message>
    <message>
        <source>print job {id}</source>
        <translation>打印任务 {id}</translation>
    </message>
    <message>
        <source>station {id}</source>
        <translation>工作站 {id}</translation>
    </message>
    <message>
        <source>badge {id}</source>
        <translation>工牌 {id}</translation>
    </message>
    <message>
        <source>{actor} created {target}</source>
        <translation>{actor} 创建了{target}</translation>
    </message>
    <message>
        <source>{actor} changed {target}</source>
        <translation>{actor} 修改了{target}</translation>
    </message>
    <message>
        <source>{actor} disabled {target}</source>
        <translation>{actor} 停用了{target}</translation>
    </message>
    <message>
        <source>{actor} enabled {target}</source>
        <translation>{actor} 启用了{target}</translation>
    </message>
    <message>
        <source>{actor} rejected a station&apos;s change of {target}</source>
        <translation>{actor} 拒绝了工作站对{target}的变更</translation>
    </message>
    <message>
        <source>{actor} saved the settings of {target}</source>
        <translation>{actor} 保存了{target}的设置</translation>
    </message>
    <message>
        <source>{actor} saved the scanners of {target}</source>
        <translation>{actor} 保存了{target}的扫描器</translation>
    </message>
    <message>
        <source>{actor} closed the kiosk</source>
        <translation>{actor} 关闭了自助终端</translation>
    </message>
    <message>
        <source>{actor} started {target}</source>
        <translation>{actor} 开始了{target}</translation>
    </message>
    <message>
        <source>{actor} paused {target}</source>
        <translation>{actor} 暂停了{target}</translation>
    </message>
    <message>
        <source>{actor} resumed {target}</source>
        <translation>{actor} 继续了{target}</translation>
    </message>
    <message>
        <source>{actor} finished {target}</source>
        <translation>{actor} 完成了{target}</translation>
    </message>
    <message>
        <source>{actor} approved closing {target} short</source>
        <translation>{actor} 批准{target}缺件封箱</translation>
    </message>
    <message>
        <source>{person} logged in</source>
        <translation>{person} 已登录</translation>
    </message>
    <message>
        <source>{actor} approved a station&apos;s change of {target}</source>
        <translation>{actor} 批准了工作站对{target}的变更</translation>
    </message>
    <message>
        <source>{person} logged out</source>
        <translation>{person} 已退出登录</translation>
    </message>
    <message>
        <source>Login refused for {person}</source>
        <translation>{person} 登录被拒</translation>
    </message>
    <message>
        <source>{person} locked out after wrong PINs</source>
        <translation>{person} 因 PIN 错误被锁定</translation>
    </message>
    <message>
        <source>Wrong PIN for a supervisor approval: {person}</source>
        <translation>主管批准时 PIN 错误：{person}</translation>
    </message>
    <message>
        <source>{actor} reprinted the label of {target}</source>
        <translation>{actor} 重打了{target}的标签</translation>
    </message>
    <message>
        <source>{actor} cancelled {target}</source>
        <translation>{actor} 取消了{target}</translation>
    </message>
    <message>
        <source>{actor} released {target}</source>
        <translation>{actor} 释放了{target}</translation>
    </message>
    <message>
        <source>{actor} re-allocated {target}</source>
        <translation>{actor} 重新分配了{target}</translation>
    </message>
    <message>
        <source>{actor} assigned a count for {target}</source>
        <translation>{actor} 为{target}安排了盘点</translation>
    </message>
    <message>
        <source>{actor} dismissed {target}</source>
        <translation>{actor} 忽略了{target}</translation>
    </message>
    <message>
        <source>{actor} approved the user change in {target}</source>
        <translation>{actor} 批准了{target}中的用户变更</translation>
    </message>
    <message>
        <source>{actor} rejected the user change in {target}</source>
        <translation>{actor} 拒绝了{target}中的用户变更</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>PIN changed</source>
        <translation>已更改 PIN</translation>
    </message>
    <message>
        <source>Saved via</source>
        <translation>保存途径</translation>
    </message>
    <message>
        <source>How</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Wrong PINs in a row</source>
        <translation>连续 PIN 错误次数</translation>
    </message>
    <message>
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <source>Kiosk mode</source>
        <translation>自助终端模式</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>Scanners</source>
        <translation>扫描器</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>拣货车</translation>
    </message>
    <message>
        <source>Tote</source>
        <translation>周转箱</translation>
    </message>
    <message>
        <source>Print job</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Order now</source>
        <translation>订单现状</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>盘点</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Packer (user no.)</source>
        <translation>包装员（用户编号）</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>缺少</translation>
    </message>
    <message>
        <source>From station</source>
        <translation>来自工作站</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Change from station</source>
        <translation>变更来自工作站</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Not on the server</source>
        <translation>服务器上没有此用户</translation>
    </message>
    <message>
        <source>Decided at</source>
        <translation>决定时间</translation>
    </message>
    <message>
        <source>At this station</source>
        <translation>本工作站</translation>
    </message>
    <message>
        <source>badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>the server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>badge not known</source>
        <translation>未知工牌</translation>
    </message>
    <message>
        <source>badge replaced by a new one</source>
        <translation>工牌已换新</translation>
    </message>
    <message>
        <source>user not known</source>
        <translation>未知用户</translation>
    </message>
    <message>
        <source>no PIN entered</source>
        <translation>未输入 PIN</translation>
    </message>
    <message>
        <source>wrong PIN</source>
        <translation>PIN 错误</translation>
    </message>
    <message>
        <source>locked out</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>user disabled</source>
        <translation>用户已停用</translation>
    </message>
    <message>
        <source>logged out by the person</source>
        <translation>本人退出</translation>
    </message>
    <message>
        <source>idle time-out</source>
        <translation>闲置超时</translation>
    </message>
    <message>
        <source>station closed</source>
        <translation>工作站关闭</translation>
    </message>
    <message>
        <source>put back as the server has it</source>
        <translation>已恢复为服务器上的版本</translation>
    </message>
    <message>
        <source>user no longer here</source>
        <translation>本工作站已无此用户</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>bin {bin}, SKU {sku}, by {who}</source>
        <translation>库位 {bin}，SKU {sku}，由 {who} 盘点</translation>
    </message>
    <message>
        <source>{label}: {value}</source>
        <translation>{label}：{value}</translation>
    </message>
</context>
<context>
    <name>KioskGuard</name>
    <message>
        <source>Wrong PIN: only an admin can leave kiosk mode.</source>
        <translation>PIN 错误：只有管理员可以退出自助终端模式。</translation>
    </message>
    <message>
        <source>The PIN could not be checked ({error}). Try again.</source>
        <translation>无法核对 PIN（{error}），请重试。</translation>
    </message>
    <message>
        <source>Leave kiosk mode</source>
        <translation>退出自助终端模式</translation>
    </message>
    <message>
        <source>Enter an admin PIN to close the station.</source>
        <translation>请输入管理员 PIN 以关闭工作站。</translation>
    </message>
</context>
<context>
    <name>PinDialog</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Checking the PIN…</source>
        <translation>正在核对 PIN…</translation>
    </message>
    <message>
        <source>Wrong PIN. Ask an admin to enter theirs.</source>
        <translation>PIN 错误。请管理员输入其 PIN。</translation>
    </message>
</context>
<context>
    <name>SessionGuard</name>
    <message>
        <source>%1 was disabled by an admin and has been logged out.</source>
        <translation>%1 已被管理员停用，并已登出。</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>empty: built-in server on this machine</source>
        <translation>留空：使用本机内置服务器</translation>
    </message>
    <message>
        <source>Kiosk mode</source>
        <translation>自助终端模式</translation>
    </message>
    <message>
        <source>Full screen; leaving needs an admin PIN.</source>
        <translation>全屏；退出需要管理员 PIN。</translation>
    </message>
    <message>
        <source> min</source>
        <translation> 分钟</translation>
    </message>
    <message>
        <source>never</source>
        <translation>从不</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Sounds on</source>
        <translation>开启声音</translation>
    </message>
    <message>
        <source>Station id</source>
        <translation>工作站编号</translation>
    </message>
    <message>
        <source>Station name</source>
        <translation>工作站名称</translation>
    </message>
    <message>
        <source>Server URL</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>Server token</source>
        <translation>服务器令牌</translation>
    </message>
    <message>
        <source>Log out when idle for</source>
        <translation>空闲多久后登出</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation>音量</translation>
    </message>
    <message>
        <source>Save settings</source>
        <translation>保存设置</translation>
    </message>
    <message>
        <source>Close the station…</source>
        <translation>关闭工作站…</translation>
    </message>
    <message>
        <source>set (%1) — type a new one to replace it</source>
        <translation>已设置（%1）— 输入新的以替换</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>未设置</translation>
    </message>
    <message>
        <source>The token is kept in the system keyring (%1).</source>
        <translation>令牌保存在系统密钥环中（%1）。</translation>
    </message>
    <message>
        <source>No system keyring here: the token is kept in %1, readable only by this user.</source>
        <translation>此处没有系统密钥环：令牌保存在 %1，仅本用户可读。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Settings saved. Language, idle logout and volume take effect at the next start.</source>
        <translation>设置已保存。语言、空闲登出和音量将在下次启动时生效。</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>Users</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>＋ New user</source>
        <translation>＋ 新用户</translation>
    </message>
    <message>
        <source>Badge cards:</source>
        <translation>打印工牌卡：</translation>
    </message>
    <message>
        <source>Selected users</source>
        <translation>所选用户</translation>
    </message>
    <message>
        <source>All active users</source>
        <translation>全部在用用户</translation>
    </message>
    <message>
        <source>New user</source>
        <translation>新用户</translation>
    </message>
    <message>
        <source>4 to 8 digits; empty keeps the PIN</source>
        <translation>4 至 8 位数字；留空则保留原 PIN</translation>
    </message>
    <message>
        <source>Station default</source>
        <translation>工作站默认</translation>
    </message>
    <message>
        <source>Active (may log in)</source>
        <translation>启用（可登录）</translation>
    </message>
    <message>
        <source>Badge code</source>
        <translation>工牌号</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <source>Packer</source>
        <translation>包装员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <source>Not sent</source>
        <translation>未发送</translation>
    </message>
    <message>
        <source>Pending</source>
        <translation>待批准</translation>
    </message>
    <message>
        <source>Rejected</source>
        <translation>已拒绝</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>被拒收</translation>
    </message>
    <message>
        <source>The user was disabled on this station.</source>
        <translation>该用户已在本工作站停用。</translation>
    </message>
    <message>
        <source>The user is back as the server has them.</source>
        <translation>该用户已恢复为服务器上的状态。</translation>
    </message>
    <message>
        <source>The change to %1 (%2) was rejected by %3: “%4”. %5</source>
        <translation>对 %1（%2）的更改被 %3 拒绝：“%4”。%5</translation>
    </message>
    <message>
        <source>The server refused the change to %1 (%2): %3</source>
        <translation>服务器拒收了对 %1（%2）的更改：%3</translation>
    </message>
    <message>
        <source>Changes made here that wait for an admin on the server: %1</source>
        <translation>在本工作站所做、正在服务器上等待管理员处理的更改：%1</translation>
    </message>
    <message>
        <source>%1 was changed by a sync meanwhile (now: %2). What you typed is kept: check it before you save.</source>
        <translation>同步期间 %1 已被更改（现在：%2）。您输入的内容已保留：保存前请核对。</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>编辑 %1</translation>
    </message>
    <message>
        <source>Saving…</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Saved on the server.</source>
        <translation>已保存到服务器。</translation>
    </message>
    <message>
        <source>Saved on this station only. The next sync sends it to the server, where an admin approves or rejects it; signed in to the server, changes go everywhere at once.</source>
        <translation>仅保存在本工作站。下次同步时会发送到服务器，由管理员批准或拒绝；登录服务器后，更改会立即在所有地方生效。</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>请输入姓名。</translation>
    </message>
    <message>
        <source>Badge code: %1</source>
        <translation>工牌号：%1</translation>
    </message>
    <message>
        <source>PIN: %1</source>
        <translation>PIN：%1</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>请选择角色。</translation>
    </message>
    <message>
        <source>Choose a language.</source>
        <translation>请选择语言。</translation>
    </message>
    <message>
        <source>Select a user first.</source>
        <translation>请先选择用户。</translation>
    </message>
    <message>
        <source>Badge card of %1 written to %2</source>
        <translation>%1 的工牌卡已保存到 %2</translation>
    </message>
    <message>
        <source>%1 badge cards written to %2</source>
        <translation>%1 张工牌卡已保存到 %2</translation>
    </message>
</context>
</TS>
