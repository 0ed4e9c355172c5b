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
        <source>Not done: %1</source>
        <translation>未完成：%1</translation>
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
        <source>Status change</source>
        <translation>状态变更</translation>
    </message>
    <message>
        <source>Put in a pick batch</source>
        <translation>加入拣货批次</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣货</translation>
    </message>
    <message>
        <source>Short pick</source>
        <translation>缺拣</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>已跳过</translation>
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
        <source>Do it</source>
        <translation>执行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Say why: the reason goes into the audit log.</source>
        <translation>请说明原因：原因将记入审计日志。</translation>
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
