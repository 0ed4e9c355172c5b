<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CyclePanel</name>
    <message>
        <source>Cycle time per step</source>
        <translation>各环节周期时间</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>环节</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>90th percentile</source>
        <translation>第 90 百分位</translation>
    </message>
    <message>
        <source>Median (bar)</source>
        <translation>中位数（条形）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>BOTTLENECK</source>
        <translation>瓶颈</translation>
    </message>
    <message>
        <source>No finished steps in this period.</source>
        <translation>此期间没有完成的环节。</translation>
    </message>
    <message>
        <source>Bottleneck: %1 (median %2)</source>
        <translation>瓶颈：%1（中位数 %2）</translation>
    </message>
</context>
<context>
    <name>DashboardScreen</name>
    <message>
        <source>The dashboard is for supervisors and admins.</source>
        <translation>看板仅供主管和管理员使用。</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Throughput</source>
        <translation>产能</translation>
    </message>
    <message>
        <source>Stations and people</source>
        <translation>工作站与人员</translation>
    </message>
    <message>
        <source>Cycle time</source>
        <translation>周期时间</translation>
    </message>
    <message>
        <source>Quality</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Exceptions</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>Order lookup</source>
        <translation>订单查询</translation>
    </message>
    <message>
        <source>not refreshed yet</source>
        <translation>尚未刷新</translation>
    </message>
    <message>
        <source>Dashboard</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>This shift (8 h)</source>
        <translation>本班次（8 小时）</translation>
    </message>
    <message>
        <source>Last 24 hours</source>
        <translation>最近 24 小时</translation>
    </message>
    <message>
        <source>Last 7 days</source>
        <translation>最近 7 天</translation>
    </message>
    <message>
        <source>All stations</source>
        <translation>所有工作站</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Sign in to the server…</source>
        <translation>登录服务器…</translation>
    </message>
    <message>
        <source>Open orders</source>
        <translation>未完成订单</translation>
    </message>
    <message>
        <source>Late</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>At risk (due within 2 h)</source>
        <translation>有风险（2 小时内到期）</translation>
    </message>
    <message>
        <source>Lines picked per hour</source>
        <translation>每小时拣货行数</translation>
    </message>
    <message>
        <source>Orders packed per hour</source>
        <translation>每小时包装订单</translation>
    </message>
    <message>
        <source>Short-pick rate</source>
        <translation>缺拣率</translation>
    </message>
    <message>
        <source>Open exceptions</source>
        <translation>未处理异常</translation>
    </message>
    <message>
        <source>Label reprints</source>
        <translation>标签重打</translation>
    </message>
    <message>
        <source>Backlog by status</source>
        <translation>按状态的积压</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Orders</source>
        <translation>订单数</translation>
    </message>
    <message>
        <source>Backlog by priority</source>
        <translation>按优先级的积压</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未完成</translation>
    </message>
    <message>
        <source>At risk</source>
        <translation>有风险</translation>
    </message>
    <message>
        <source>Backlog by due time</source>
        <translation>按到期时间的积压</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Lines</source>
        <translation>行数</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>件数</translation>
    </message>
    <message>
        <source>Orders packed</source>
        <translation>已包装订单</translation>
    </message>
    <message>
        <source>Lines/h</source>
        <translation>行/小时</translation>
    </message>
    <message>
        <source>Units/h</source>
        <translation>件/小时</translation>
    </message>
    <message>
        <source>Orders/h</source>
        <translation>订单/小时</translation>
    </message>
    <message>
        <source>Per station, per hour</source>
        <translation>各工作站每小时</translation>
    </message>
    <message>
        <source>Per person, per hour</source>
        <translation>各人员每小时</translation>
    </message>
    <message>
        <source>Per station</source>
        <translation>按工作站</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>工作站</translation>
    </message>
    <message>
        <source>Per person</source>
        <translation>按人员</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Pack errors per person</source>
        <translation>各人员包装错误</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Pack errors per SKU</source>
        <translation>各 SKU 包装错误</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Label reprints per station</source>
        <translation>各工作站标签重打</translation>
    </message>
    <message>
        <source>Reprints</source>
        <translation>重打次数</translation>
    </message>
    <message>
        <source>Exceptions to act on</source>
        <translation>待处理异常</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>What happened</source>
        <translation>发生了什么</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>起始时间</translation>
    </message>
    <message>
        <source>Release</source>
        <translation>释放</translation>
    </message>
    <message>
        <source>Cancel order</source>
        <translation>取消订单</translation>
    </message>
    <message>
        <source>Re-allocate</source>
        <translation>重新分配</translation>
    </message>
    <message>
        <source>Assign a count</source>
        <translation>安排盘点</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>忽略</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>批准</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>within 1 h</source>
        <translation>1 小时内</translation>
    </message>
    <message>
        <source>1 to 4 h</source>
        <translation>1 至 4 小时</translation>
    </message>
    <message>
        <source>4 to 24 h</source>
        <translation>4 至 24 小时</translation>
    </message>
    <message>
        <source>later</source>
        <translation>更晚</translation>
    </message>
    <message>
        <source>no due time</source>
        <translation>无到期时间</translation>
    </message>
    <message>
        <source>Refreshing…</source>
        <translation>正在刷新…</translation>
    </message>
    <message>
        <source>Live — updated %1</source>
        <translation>实时 — 更新于 %1</translation>
    </message>
    <message>
        <source>Offline — no figures yet (%1)</source>
        <translation>离线 — 尚无数据（%1）</translation>
    </message>
    <message>
        <source>Offline — showing figures from %1</source>
        <translation>离线 — 显示 %1 的数据</translation>
    </message>
    <message>
        <source>Signing in to the server…</source>
        <translation>正在登录服务器…</translation>
    </message>
    <message>
        <source>Sign in to the server to see the figures.</source>
        <translation>请登录服务器以查看数据。</translation>
    </message>
    <message>
        <source>Sign in to the server for live figures; showing %1.</source>
        <translation>登录服务器以查看实时数据；当前显示 %1 的数据。</translation>
    </message>
    <message>
        <source>The server refused: %1</source>
        <translation>服务器拒绝：%1</translation>
    </message>
    <message>
        <source>Signed in to the server.</source>
        <translation>已登录服务器。</translation>
    </message>
    <message>
        <source>sync is offline</source>
        <translation>同步离线</translation>
    </message>
    <message>
        <source>Short picks: %1 of %2 lines (%3). Pack errors: %4. Label reprints: %5.</source>
        <translation>缺拣：%2 行中 %1 行（%3）。包装错误：%4。标签重打：%5。</translation>
    </message>
    <message>
        <source>No open exceptions.</source>
        <translation>没有未处理的异常。</translation>
    </message>
    <message>
        <source>Device faults per station: %1</source>
        <translation>各工作站设备故障：%1</translation>
    </message>
    <message>
        <source>Only an admin can approve or reject a user change.</source>
        <translation>只有管理员可以批准或拒绝用户更改。</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>原因？</translation>
    </message>
    <message>
        <source>%1 — %2: why? (recorded with your name)</source>
        <translation>%1 — %2：原因？（将与您的姓名一起记录）</translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation>正在发送…</translation>
    </message>
    <message>
        <source>Done: %1 — %2</source>
        <translation>已完成：%1 — %2</translation>
    </message>
    <message>
        <source>The reason is too long for the server (at most %1 characters, the chosen reason and the note together). Write a shorter note and try again.</source>
        <translation>原因太长，服务器不接受（所选原因与备注合计最多 %1 个字符）。请缩短备注后重试。</translation>
    </message>
    <message>
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
    </message>
</context>
<context>
    <name>DashboardTexts</name>
    <message>
        <source>received</source>
        <translation>已接收</translation>
    </message>
    <message>
        <source>validated</source>
        <translation>已验证</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>已分配</translation>
    </message>
    <message>
        <source>released</source>
        <translation>已下发</translation>
    </message>
    <message>
        <source>picking</source>
        <translation>拣货中</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>packing</source>
        <translation>包装中</translation>
    </message>
    <message>
        <source>packed</source>
        <translation>已包装</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>已发货</translation>
    </message>
    <message>
        <source>on hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>backorder</source>
        <translation>缺货待补</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>bin empty</source>
        <translation>库位空</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <source>quantity wrong</source>
        <translation>数量不对</translation>
    </message>
    <message>
        <source>short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>On hold</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Backorder</source>
        <translation>缺货待补</translation>
    </message>
    <message>
        <source>Short pick</source>
        <translation>缺拣</translation>
    </message>
    <message>
        <source>Sync rejection</source>
        <translation>同步被拒</translation>
    </message>
    <message>
        <source>Device fault</source>
        <translation>设备故障</translation>
    </message>
    <message>
        <source>Stock discrepancy</source>
        <translation>库存差异</translation>
    </message>
    <message>
        <source>Over-pick</source>
        <translation>多拣</translation>
    </message>
    <message>
        <source>Packed more than picked</source>
        <translation>包装多于拣货</translation>
    </message>
    <message>
        <source>Closed short</source>
        <translation>缺件封箱</translation>
    </message>
    <message>
        <source>Bin to count</source>
        <translation>待盘点库位</translation>
    </message>
    <message>
        <source>Cancelled after picking</source>
        <translation>拣货后取消</translation>
    </message>
    <message>
        <source>Event key reused</source>
        <translation>事件键重复使用</translation>
    </message>
    <message>
        <source>Event for a cancelled order</source>
        <translation>已取消订单的事件</translation>
    </message>
    <message>
        <source>Event for a shipped order</source>
        <translation>已发货订单的事件</translation>
    </message>
    <message>
        <source>Duplicate SSCC</source>
        <translation>SSCC 重复</translation>
    </message>
    <message>
        <source>User change to approve</source>
        <translation>待批准的用户变更</translation>
    </message>
    <message>
        <source>{quantity} of {sku} short at bin {bin} for {order} ({reason})</source>
        <translation>订单 {order}：库位 {bin} 的 {sku} 缺 {quantity} 件（{reason}）</translation>
    </message>
    <message>
        <source>Bin {bin} had {quantity} fewer {sku} ({reason}): count the bin</source>
        <translation>库位 {bin} 的 {sku} 少了 {quantity} 件（{reason}）：请盘点该库位</translation>
    </message>
    <message>
        <source>Bin {bin} holds less {sku} than reserved; orders {orders} lost it</source>
        <translation>库位 {bin} 的 {sku} 少于预留量；订单 {orders} 失去了该处的预留</translation>
    </message>
    <message>
        <source>{quantity} of {sku} picked from bin {bin}, server knew {known}</source>
        <translation>从库位 {bin} 拣了 {quantity} 件 {sku}，服务器只知道有 {known} 件</translation>
    </message>
    <message>
        <source>{quantity} of {sku} picked from bin {bin}, server knew none</source>
        <translation>从库位 {bin} 拣了 {quantity} 件 {sku}，服务器记录该处没有库存</translation>
    </message>
    <message>
        <source>Line {line} of {order}: {picked} picked of {ordered} ordered</source>
        <translation>订单 {order} 第 {line} 行：订购 {ordered} 件，已拣 {picked} 件</translation>
    </message>
    <message>
        <source>Line {line} of {order}: {packed} packed, {picked} picked</source>
        <translation>订单 {order} 第 {line} 行：已包装 {packed} 件，已拣 {picked} 件</translation>
    </message>
    <message>
        <source>Order {order} closed short, approved by {supervisor}: {reason}</source>
        <translation>订单 {order} 缺件封箱，由 {supervisor} 批准：{reason}</translation>
    </message>
    <message>
        <source>Order {order} cancelled with {quantity} units picked: put back</source>
        <translation>订单 {order} 取消时已拣 {quantity} 件：请放回库位</translation>
    </message>
    <message>
        <source>Station {station} reused {count} event keys with other data</source>
        <translation>工作站 {station} 用不同内容重复使用了 {count} 个事件键</translation>
    </message>
    <message>
        <source>Order {order} on hold: {reason}</source>
        <translation>订单 {order} 已暂停：{reason}</translation>
    </message>
    <message>
        <source>Order {order} waits for stock: not enough for every line</source>
        <translation>订单 {order} 等待补货：库存不足以满足所有行</translation>
    </message>
    <message>
        <source>Order {order} was cancelled meanwhile</source>
        <translation>订单 {order} 在此期间已被取消</translation>
    </message>
    <message>
        <source>Order {order} has already shipped</source>
        <translation>订单 {order} 已经发货</translation>
    </message>
    <message>
        <source>SSCC {sscc} is already on another carton</source>
        <translation>SSCC {sscc} 已用于另一个纸箱</translation>
    </message>
    <message>
        <source>The event names no order</source>
        <translation>事件未指明订单</translation>
    </message>
    <message>
        <source>Unknown order {order}</source>
        <translation>未知订单 {order}</translation>
    </message>
    <message>
        <source>Unknown SKU {sku}</source>
        <translation>未知 SKU {sku}</translation>
    </message>
    <message>
        <source>Unknown bin {bin}</source>
        <translation>未知库位 {bin}</translation>
    </message>
    <message>
        <source>Order {order} has no line {line}</source>
        <translation>订单 {order} 没有第 {line} 行</translation>
    </message>
    <message>
        <source>Line {line} of order {order} is not SKU {sku}</source>
        <translation>订单 {order} 第 {line} 行不是 SKU {sku}</translation>
    </message>
    <message>
        <source>SKU {sku} is not on order {order}</source>
        <translation>SKU {sku} 不在订单 {order} 中</translation>
    </message>
    <message>
        <source>The event names neither a line nor a SKU</source>
        <translation>事件既未指明订单行也未指明 SKU</translation>
    </message>
    <message>
        <source>Not a valid quantity: {quantity}</source>
        <translation>无效数量：{quantity}</translation>
    </message>
    <message>
        <source>Unknown pick batch {batch}</source>
        <translation>未知拣货批次 {batch}</translation>
    </message>
    <message>
        <source>Pick batch {batch} belongs to station {station}</source>
        <translation>拣货批次 {batch} 属于工作站 {station}</translation>
    </message>
    <message>
        <source>Not a valid carton number: {carton}</source>
        <translation>无效纸箱编号：{carton}</translation>
    </message>
    <message>
        <source>Not a valid SSCC (18 digits): {sscc}</source>
        <translation>无效 SSCC（应为 18 位数字）：{sscc}</translation>
    </message>
    <message>
        <source>{name} ({badge}, {role}) saved at {station} offline: an admin approves or rejects</source>
        <translation>{name}（{badge}，{role}）在 {station} 离线保存：由管理员批准或拒绝</translation>
    </message>
    <message>
        <source>A user change from a station was refused: {reason}</source>
        <translation>来自工作站的用户更改被拒收：{reason}</translation>
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
        <source>Order {order} is on hold</source>
        <translation>订单 {order} 已暂停</translation>
    </message>
    <message>
        <source>Status change</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Put in a pick batch</source>
        <translation>加入拣货批次</translation>
    </message>
    <message>
        <source>Batch taken by a station</source>
        <translation>批次被工作站领取</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
    </message>
    <message>
        <source>Pick taken back</source>
        <translation>拣货已撤回</translation>
    </message>
    <message>
        <source>Taken from other bins</source>
        <translation>从其他库位拣取</translation>
    </message>
    <message>
        <source>Packed item</source>
        <translation>已装箱商品</translation>
    </message>
    <message>
        <source>Carton closed</source>
        <translation>纸箱已封箱</translation>
    </message>
    <message>
        <source>Label printed</source>
        <translation>标签已打印</translation>
    </message>
    <message>
        <source>Exception</source>
        <translation>异常</translation>
    </message>
    <message>
        <source>system</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>station {station}</source>
        <translation>工作站 {station}</translation>
    </message>
    <message>
        <source>not enough stock for every line</source>
        <translation>库存不足以满足所有行</translation>
    </message>
    <message>
        <source>a pick was taken back</source>
        <translation>一次拣货被撤回</translation>
    </message>
    <message>
        <source>Reason: {reason}</source>
        <translation>原因：{reason}</translation>
    </message>
    <message>
        <source>Batch {batch}, tote {tote}</source>
        <translation>批次 {batch}，周转箱 {tote}</translation>
    </message>
    <message>
        <source>Batch {batch}</source>
        <translation>批次 {batch}</translation>
    </message>
    <message>
        <source>{quantity} × {sku} from bin {location}</source>
        <translation>从库位 {location} 拣 {quantity} × {sku}</translation>
    </message>
    <message>
        <source>{quantity} × {sku} short at bin {location}: {reason}</source>
        <translation>库位 {location} 缺 {quantity} × {sku}：{reason}</translation>
    </message>
    <message>
        <source>Line {line_no} at bin {location}</source>
        <translation>库位 {location} 的第 {line_no} 行</translation>
    </message>
    <message>
        <source>{quantity} × {sku} back to bin {location}</source>
        <translation>{quantity} × {sku} 放回库位 {location}</translation>
    </message>
    <message>
        <source>{quantity} × {sku}: bin {from} was short, taken from {to}</source>
        <translation>{quantity} × {sku}：库位 {from} 缺货，改从 {to} 拣取</translation>
    </message>
    <message>
        <source>{quantity} × {sku} into carton {carton}</source>
        <translation>{quantity} × {sku} 装入纸箱 {carton}</translation>
    </message>
    <message>
        <source>Carton {carton}, SSCC {sscc}, {weight_g} g</source>
        <translation>纸箱 {carton}，SSCC {sscc}，{weight_g} 克</translation>
    </message>
    <message>
        <source>Carton {carton}, SSCC {sscc}, {carrier}</source>
        <translation>纸箱 {carton}，SSCC {sscc}，{carrier}</translation>
    </message>
    <message>
        <source>into tote {tote}</source>
        <translation>放入周转箱 {tote}</translation>
    </message>
    <message>
        <source>order complete</source>
        <translation>订单完成</translation>
    </message>
    <message>
        <source>closed short</source>
        <translation>缺件封箱</translation>
    </message>
</context>
<context>
    <name>LookupPanel</name>
    <message>
        <source>Order number, customer name or SSCC</source>
        <translation>订单号、客户名或 SSCC</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Orders found</source>
        <translation>找到的订单</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>SSCC</source>
        <translation>SSCC</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>时间线</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>内容</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>人员</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>详情</translation>
    </message>
    <message>
        <source>Type an order number, a name or an SSCC.</source>
        <translation>请输入订单号、姓名或 SSCC。</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>正在搜索…</translation>
    </message>
    <message>
        <source>No order matches.</source>
        <translation>没有匹配的订单。</translation>
    </message>
    <message>
        <source>%1 orders found</source>
        <translation>找到 %1 个订单</translation>
    </message>
    <message>
        <source>%1: %2 timeline entries</source>
        <translation>%1：%2 条时间线记录</translation>
    </message>
    <message>
        <source>Lookup failed: %1</source>
        <translation>查询失败：%1</translation>
    </message>
</context>
<context>
    <name>RateChart</name>
    <message>
        <source>Lines/h</source>
        <translation>行/小时</translation>
    </message>
    <message>
        <source>Orders/h</source>
        <translation>订单/小时</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Add a note (optional):</source>
        <translation>补充说明（可选）：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>up to %1 characters</source>
        <translation>最多 %1 个字符</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>键盘</translation>
    </message>
    <message>
        <source>Do it</source>
        <translation>执行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Tap a reason or write one: it goes into the audit log.</source>
        <translation>请点选或填写原因：原因将记入审计日志。</translation>
    </message>
</context>
<context>
    <name>ReasonPresets</name>
    <message>
        <source>Problem solved</source>
        <translation>问题已解决</translation>
    </message>
    <message>
        <source>Customer confirmed the order</source>
        <translation>客户已确认订单</translation>
    </message>
    <message>
        <source>Address corrected</source>
        <translation>地址已更正</translation>
    </message>
    <message>
        <source>Payment received</source>
        <translation>已收到付款</translation>
    </message>
    <message>
        <source>Customer asked to cancel</source>
        <translation>客户要求取消</translation>
    </message>
    <message>
        <source>Duplicate order</source>
        <translation>重复订单</translation>
    </message>
    <message>
        <source>Cannot be delivered</source>
        <translation>无法配送</translation>
    </message>
    <message>
        <source>Item no longer sold</source>
        <translation>商品已停售</translation>
    </message>
    <message>
        <source>Stock has arrived</source>
        <translation>库存已到货</translation>
    </message>
    <message>
        <source>Stock was counted</source>
        <translation>库存已盘点</translation>
    </message>
    <message>
        <source>Stock moved to another bin</source>
        <translation>库存已移至其他库位</translation>
    </message>
    <message>
        <source>Bin looked empty</source>
        <translation>库位看起来是空的</translation>
    </message>
    <message>
        <source>Quantity looked wrong</source>
        <translation>数量看起来不对</translation>
    </message>
    <message>
        <source>Damaged stock in the bin</source>
        <translation>库位中有破损商品</translation>
    </message>
    <message>
        <source>Regular check</source>
        <translation>例行检查</translation>
    </message>
    <message>
        <source>Checked, nothing to do</source>
        <translation>已检查，无需处理</translation>
    </message>
    <message>
        <source>Already solved on the floor</source>
        <translation>现场已解决</translation>
    </message>
    <message>
        <source>Same as another exception</source>
        <translation>与另一异常相同</translation>
    </message>
    <message>
        <source>Test or training</source>
        <translation>测试或培训</translation>
    </message>
    <message>
        <source>Checked with the person</source>
        <translation>已与本人核实</translation>
    </message>
    <message>
        <source>Agreed with the shift lead</source>
        <translation>已与班组长确认</translation>
    </message>
    <message>
        <source>Change not agreed</source>
        <translation>变更未获同意</translation>
    </message>
    <message>
        <source>Made by mistake</source>
        <translation>误操作</translation>
    </message>
    <message>
        <source>Wrong person or badge</source>
        <translation>人员或工牌错误</translation>
    </message>
</context>
<context>
    <name>ServerSignIn</name>
    <message>
        <source>Nobody is logged in.</source>
        <translation>当前无人登录。</translation>
    </message>
    <message>
        <source>Sign in to the server</source>
        <translation>登录服务器</translation>
    </message>
    <message>
        <source>%1: enter your PIN once to use the server&apos;s figures and actions.</source>
        <translation>%1：输入一次您的 PIN 即可使用服务器的数据和操作。</translation>
    </message>
    <message>
        <source>No server is known yet (sync has not connected).</source>
        <translation>尚未找到服务器（同步尚未连接）。</translation>
    </message>
    <message>
        <source>Signed in to the server.</source>
        <translation>已登录服务器。</translation>
    </message>
</context>
<context>
    <name>TablePanel</name>
    <message>
        <source>Export CSV</source>
        <translation>导出 CSV</translation>
    </message>
</context>
<context>
    <name>ThroughputChart</name>
    <message>
        <source>Throughput per hour</source>
        <translation>每小时产能</translation>
    </message>
    <message>
        <source>Lines picked</source>
        <translation>已拣行数</translation>
    </message>
    <message>
        <source>Orders packed</source>
        <translation>已包装订单</translation>
    </message>
    <message>
        <source>Units picked</source>
        <translation>已拣件数</translation>
    </message>
</context>
</TS>
