<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>DevScanEntry</name>
    <message>
        <source>Test scan + Enter</source>
        <translation>测试扫描 + 回车</translation>
    </message>
</context>
<context>
    <name>FeedbackBanner</name>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>LoginMessages</name>
    <message>
        <source>This badge is not known here. Ask a supervisor to register it.</source>
        <translation>本站不认识这个工牌。请主管登记它。</translation>
    </message>
    <message>
        <source>This badge of {name} was replaced by a new one and no longer works. Scan your new badge, or ask a supervisor.</source>
        <translation>{name} 的这个工牌已被新工牌替换，不能再用。请扫描新工牌，或询问主管。</translation>
    </message>
    <message>
        <source>This user is not known here any more. Choose your name again.</source>
        <translation>本站已没有这个用户。请重新选择你的名字。</translation>
    </message>
    <message>
        <source>Type your PIN first, then press OK.</source>
        <translation>请先输入 PIN 码，再按“确定”。</translation>
    </message>
    <message>
        <source>Wrong PIN for {name}. {left} tries left before a lock-out.</source>
        <translation>{name} 的 PIN 码错误。再错 {left} 次将被锁定。</translation>
    </message>
    <message>
        <source>{name} is locked out after too many wrong PINs. Try again at {time}, or ask a supervisor.</source>
        <translation>{name} 因 PIN 码错误次数过多已被锁定。请在 {time} 后再试，或找主管。</translation>
    </message>
    <message>
        <source>{name} is disabled and cannot log in. Ask a supervisor.</source>
        <translation>{name} 已被停用，不能登录。请找主管。</translation>
    </message>
    <message>
        <source>That was {what}, not a badge. Scan the badge on your ID card.</source>
        <translation>扫到的是{what}，不是工牌。请扫描你工卡上的工牌条码。</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>The PIN could not be checked ({error}). Try again.</source>
        <translation>无法核对 PIN 码（{error}）。请重试。</translation>
    </message>
    <message>
        <source>Checking the PIN. Scan your badge again in a moment.</source>
        <translation>正在核对 PIN 码。请稍后再扫描工牌。</translation>
    </message>
    <message>
        <source>Welcome, {name}</source>
        <translation>欢迎，{name}</translation>
    </message>
    <message>
        <source>Scan your badge to log in</source>
        <translation>扫描工牌登录</translation>
    </message>
    <message>
        <source>Or tap your name, then type your PIN.</source>
        <translation>或点击你的名字，然后输入 PIN 码。</translation>
    </message>
    <message>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <source>← Back</source>
        <translation>← 返回</translation>
    </message>
    <message>
        <source>PIN for {name}</source>
        <translation>{name} 的 PIN 码</translation>
    </message>
    <message>
        <source>Checking your PIN…</source>
        <translation>正在核对你的 PIN 码…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>This screen does not take scans.</source>
        <translation>此页面不接受扫描。</translation>
    </message>
    <message>
        <source>Logged out after no activity.</source>
        <translation>长时间无操作，已自动退出。</translation>
    </message>
    <message>
        <source>Warehouse Station — {name}</source>
        <translation>仓库工作站 — {name}</translation>
    </message>
</context>
<context>
    <name>NumPad</name>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>Picker</source>
        <translation>拣货员</translation>
    </message>
    <message>
        <source>Packer</source>
        <translation>打包员</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>主管</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理员</translation>
    </message>
</context>
<context>
    <name>ScanTexts</name>
    <message>
        <source>a product barcode</source>
        <translation>商品条码</translation>
    </message>
    <message>
        <source>a shipping label (SSCC)</source>
        <translation>物流标签（SSCC）</translation>
    </message>
    <message>
        <source>a bin label</source>
        <translation>货位标签</translation>
    </message>
    <message>
        <source>a tote label</source>
        <translation>周转箱标签</translation>
    </message>
    <message>
        <source>a cart label</source>
        <translation>拣货车标签</translation>
    </message>
    <message>
        <source>an order number</source>
        <translation>订单号</translation>
    </message>
    <message>
        <source>a badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>not a barcode we know</source>
        <translation>无法识别的条码</translation>
    </message>
    <message>
        <source>The scan was empty. Scan again.</source>
        <translation>扫描内容为空。请重新扫描。</translation>
    </message>
    <message>
        <source>The scan was far too long to be one of our barcodes.</source>
        <translation>扫描内容太长，不是我们使用的条码。</translation>
    </message>
    <message>
        <source>The scan had stray control characters. Scan again; if it keeps happening, check the scanner&apos;s settings.</source>
        <translation>扫描内容含有多余的控制字符。请重新扫描；如果反复出现，请检查扫描枪设置。</translation>
    </message>
    <message>
        <source>The barcode&apos;s check digit is wrong: it was misread or mis-printed. Scan again.</source>
        <translation>条码校验位错误：读错或印错了。请重新扫描。</translation>
    </message>
    <message>
        <source>This barcode is not one we use: {raw}</source>
        <translation>这不是我们使用的条码：{raw}</translation>
    </message>
    <message>
        <source>This GS1 barcode has a field that makes no sense.</source>
        <translation>这个 GS1 条码中有无效的字段。</translation>
    </message>
    <message>
        <source>The scan is not readable text; check the scanner&apos;s keyboard or code page setting.</source>
        <translation>扫描内容不是可读文本；请检查扫描枪的键盘或代码页设置。</translation>
    </message>
    <message>
        <source>The scanner sent something unreadable ({reason}). Scan again.</source>
        <translation>扫描枪发来了无法读取的内容（{reason}）。请重新扫描。</translation>
    </message>
</context>
<context>
    <name>StationStatusBar</name>
    <message>
        <source>Not logged in</source>
        <translation>未登录</translation>
    </message>
    <message>
        <source>{name} ({role})</source>
        <translation>{name}（{role}）</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <source>Server: not connected</source>
        <translation>服务器：未连接</translation>
    </message>
    <message>
        <source>Server: online</source>
        <translation>服务器：在线</translation>
    </message>
    <message>
        <source>Server: syncing</source>
        <translation>服务器：同步中</translation>
    </message>
    <message>
        <source>Server: offline, working locally</source>
        <translation>服务器：离线，本地工作中</translation>
    </message>
    <message>
        <source>Server: error</source>
        <translation>服务器：出错</translation>
    </message>
    <message>
        <source>Queued events: …</source>
        <translation>待发送事件：…</translation>
    </message>
    <message>
        <source>Queued events: {count}</source>
        <translation>待发送事件：{count}</translation>
    </message>
</context>
<context>
    <name>SyncTexts</name>
    <message>
        <source>no server token is set</source>
        <translation>未设置服务器令牌</translation>
    </message>
    <message>
        <source>no token was sent</source>
        <translation>未发送令牌</translation>
    </message>
    <message>
        <source>token unknown or revoked</source>
        <translation>令牌未知或已被吊销</translation>
    </message>
    <message>
        <source>not a station token</source>
        <translation>不是工作站令牌</translation>
    </message>
    <message>
        <source>the token belongs to another station</source>
        <translation>该令牌属于另一个工作站</translation>
    </message>
    <message>
        <source>no reason given</source>
        <translation>未说明原因</translation>
    </message>
    <message>
        <source>Server refused this station: {reason} — ask an admin (Admin → Station)</source>
        <translation>服务器拒绝了本工作站：{reason} — 请联系管理员（管理 → 工作站）</translation>
    </message>
</context>
<context>
    <name>Tabs</name>
    <message>
        <source>Pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>Pack</source>
        <translation>打包</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Admin</source>
        <translation>管理</translation>
    </message>
    <message>
        <source>This screen failed to start: {error}</source>
        <translation>此页面启动失败：{error}</translation>
    </message>
    <message>
        <source>This screen is not built yet.</source>
        <translation>此页面尚未开发。</translation>
    </message>
</context>
</TS>
