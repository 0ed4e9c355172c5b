<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>OverrideDialog</name>
    <message>
        <source>Supervisor override</source>
        <translation>主管授权</translation>
    </message>
    <message>
        <source>Close the order with {n} item(s) missing</source>
        <translation>在缺少 {n} 件的情况下关闭订单</translation>
    </message>
    <message>
        <source>A supervisor scans their badge (or types it) and enters their PIN.</source>
        <translation>请主管扫描工牌（或输入工牌号）并输入 PIN。</translation>
    </message>
    <message>
        <source>Badge, e.g. USR-1006</source>
        <translation>工牌，例如 USR-1006</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Out of stock</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Customer request</source>
        <translation>客户要求</translation>
    </message>
    <message>
        <source>Or type the reason</source>
        <translation>或输入原因</translation>
    </message>
    <message>
        <source>Checking the supervisor&apos;s PIN…</source>
        <translation>正在核对主管 PIN…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close order short</source>
        <translation>缺件关闭订单</translation>
    </message>
</context>
<context>
    <name>PackScreen</name>
    <message>
        <source>Scan a tote or an order number</source>
        <translation>请扫描周转箱或订单号</translation>
    </message>
    <message>
        <source>or type it: SO-100001 / TOTE-0001</source>
        <translation>或输入：SO-100001 / TOTE-0001</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <source>Recent shipments</source>
        <translation>最近的发货</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Expected</source>
        <translation>应装</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>已装</translation>
    </message>
    <message>
        <source>Box</source>
        <translation>箱型</translation>
    </message>
    <message>
        <source>Close carton, next carton</source>
        <translation>封箱，开下一箱</translation>
    </message>
    <message>
        <source>Close carton, finish order</source>
        <translation>封箱，完成订单</translation>
    </message>
    <message>
        <source>Checking the supervisor&apos;s PIN. Scan again in a moment.</source>
        <translation>正在核对主管 PIN，请稍后再扫描。</translation>
    </message>
    <message>
        <source>✔ All picked items packed: close the carton.</source>
        <translation>✔ 已拣商品全部装箱：请封箱。</translation>
    </message>
    <message>
        <source>1 item short at picking, noted on the label</source>
        <translation>拣货时缺 1 件，已注明在面单上</translation>
    </message>
    <message>
        <source>{n} items short at picking, noted on the label</source>
        <translation>拣货时缺 {n} 件，已注明在面单上</translation>
    </message>
    <message>
        <source>The override could not be checked ({error}). Try again.</source>
        <translation>无法核对主管授权（{error}），请重试。</translation>
    </message>
    <message>
        <source>Order {order} packed: 1 carton</source>
        <translation>订单 {order} 已包装：共 1 箱</translation>
    </message>
    <message>
        <source>Order {order} packed: {n} cartons</source>
        <translation>订单 {order} 已包装：共 {n} 箱</translation>
    </message>
    <message>
        <source>{expected} of {ordered} — {short} short at picking</source>
        <translation>应装 {expected} / 订购 {ordered} —— 拣货缺 {short} 件</translation>
    </message>
    <message>
        <source>1 item in this carton</source>
        <translation>本箱 1 件</translation>
    </message>
    <message>
        <source>{n} items in this carton</source>
        <translation>本箱 {n} 件</translation>
    </message>
    <message>
        <source>Working out the box</source>
        <translation>正在计算箱型</translation>
    </message>
    <message>
        <source>This carton ({box}), then 1 more carton for the rest</source>
        <translation>本箱（{box}），剩余商品还需 1 箱</translation>
    </message>
    <message>
        <source>This carton ({box}), then about {n} more cartons for the rest</source>
        <translation>本箱（{box}），剩余商品还需约 {n} 箱</translation>
    </message>
    <message>
        <source>Suggested: {box} for this carton, then 1 more carton</source>
        <translation>建议：本箱用 {box}，之后还需 1 箱</translation>
    </message>
    <message>
        <source>Suggested: {box} for this carton, then about {n} more cartons</source>
        <translation>建议：本箱用 {box}，之后还需约 {n} 箱</translation>
    </message>
    <message>
        <source>1 item was short at picking: pack what was picked; the label says so.</source>
        <translation>拣货时缺 1 件：只装已拣的商品，面单上会注明。</translation>
    </message>
    <message>
        <source>{n} items were short at picking: pack what was picked; the label says so.</source>
        <translation>拣货时缺 {n} 件：只装已拣的商品，面单上会注明。</translation>
    </message>
    <message>
        <source>Leave order</source>
        <translation>离开订单</translation>
    </message>
    <message>
        <source>Put the label on each carton. Next: scan a tote or order.</source>
        <translation>请给每个纸箱贴上标签。下一步：扫描周转箱或订单。</translation>
    </message>
    <message>
        <source>Next order</source>
        <translation>下一个订单</translation>
    </message>
    <message>
        <source>That was {what}; here, scan a tote, an order or an item.</source>
        <translation>扫描的是{what}；这里请扫描周转箱、订单或商品。</translation>
    </message>
    <message>
        <source>Scan a tote or an order number first.</source>
        <translation>请先扫描周转箱或订单号。</translation>
    </message>
    <message>
        <source>✔ All items packed: close the carton.</source>
        <translation>✔ 全部商品已装箱：请封箱。</translation>
    </message>
    <message>
        <source>✔ {name}: line complete</source>
        <translation>✔ {name}：本行已完成</translation>
    </message>
    <message>
        <source>✔ {name} +{n}</source>
        <translation>✔ {name} +{n}</translation>
    </message>
    <message>
        <source>✔ Order {order} packed</source>
        <translation>✔ 订单 {order} 已包装</translation>
    </message>
    <message>
        <source>✔ Carton {k} closed (SSCC {sscc}); carton {n} is open</source>
        <translation>✔ 第 {k} 箱已封箱（SSCC {sscc}）；已开第 {n} 箱</translation>
    </message>
    <message>
        <source>Label queued again</source>
        <translation>标签已重新排队打印</translation>
    </message>
    <message>
        <source>{packed} / {expected} items</source>
        <translation>{packed} / {expected} 件</translation>
    </message>
    <message>
        <source>Carton {k}</source>
        <translation>第 {k} 箱</translation>
    </message>
    <message>
        <source>Estimated weight: {w}</source>
        <translation>预估重量：{w}</translation>
    </message>
    <message>
        <source>Nothing left to pack: everything is in this carton.</source>
        <translation>没有待装商品了：全部都在本箱中。</translation>
    </message>
    <message>
        <source>Box {box} holds everything left ({w} in total)</source>
        <translation>箱型 {box} 装得下剩余全部商品（共 {w}）</translation>
    </message>
    <message>
        <source>Suggested: {box} — everything left fits ({w} in total)</source>
        <translation>建议：{box} —— 剩余商品全部装得下（共 {w}）</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>建议</translation>
    </message>
</context>
<context>
    <name>PackTexts</name>
    <message>
        <source>Order {order} is not known at this station.</source>
        <translation>本工作站没有订单 {order}。</translation>
    </message>
    <message>
        <source>Tote {tote} holds no order to pack.</source>
        <translation>周转箱 {tote} 中没有待包装的订单。</translation>
    </message>
    <message>
        <source>Order {order} cannot be packed now (status: {status}).</source>
        <translation>订单 {order} 现在不能包装（状态：{status}）。</translation>
    </message>
    <message>
        <source>Unknown product (GTIN {gtin}). Put it aside and call a supervisor.</source>
        <translation>未知商品（GTIN {gtin}）。请放到一边并呼叫主管。</translation>
    </message>
    <message>
        <source>WRONG ITEM: {product} ({sku}) is not on this order. Take it out; not counted.</source>
        <translation>商品错误：{product}（{sku}）不在此订单中。请取出；未计数。</translation>
    </message>
    <message>
        <source>TOO MANY: {product} — {packed} of {expected} already packed. Take it out; not counted.</source>
        <translation>数量过多：{product} —— 已装 {packed} / {expected}。请取出；未计数。</translation>
    </message>
    <message>
        <source>{product} needs its lot: scan the barcode that shows the lot.</source>
        <translation>{product} 需要批次：请扫描带批次的条码。</translation>
    </message>
    <message>
        <source>WRONG LOT {lot} for {product}. Use the lot that was picked.</source>
        <translation>{product} 的批次 {lot} 错误。请使用拣货时的批次。</translation>
    </message>
    <message>
        <source>EXPIRED: lot {lot} of {product} expired on {expiry}. Do not ship.</source>
        <translation>已过期：{product} 的批次 {lot} 已于 {expiry} 过期。不得发货。</translation>
    </message>
    <message>
        <source>Order {order} is already packed.</source>
        <translation>订单 {order} 已包装完毕。</translation>
    </message>
    <message>
        <source>The carton is empty: scan at least one item first.</source>
        <translation>纸箱是空的：请先至少扫描一件商品。</translation>
    </message>
    <message>
        <source>{units} item(s) still missing: the order cannot be finished. Scan them, or ask a supervisor to close it short.</source>
        <translation>仍缺 {units} 件：订单无法完成。请扫描这些商品，或请主管缺件关闭。</translation>
    </message>
    <message>
        <source>Override refused: a supervisor badge and the right PIN are needed.</source>
        <translation>授权被拒绝：需要主管工牌和正确的 PIN。</translation>
    </message>
    <message>
        <source>Choose or type a reason for closing short.</source>
        <translation>请选择或输入缺件关闭的原因。</translation>
    </message>
    <message>
        <source>There is no box {box}.</source>
        <translation>没有箱型 {box}。</translation>
    </message>
    <message>
        <source>No shipping numbers (SSCC) left on this station: connect it to the server, then close the carton again.</source>
        <translation>本工作站的发货编号（SSCC）已用完：请连接服务器后再封箱。</translation>
    </message>
    <message>
        <source>That shipment is not known here.</source>
        <translation>此处没有该发货记录。</translation>
    </message>
    <message>
        <source>No label yet</source>
        <translation>尚无标签</translation>
    </message>
    <message>
        <source>Label printed</source>
        <translation>标签已打印</translation>
    </message>
    <message>
        <source>Label queued</source>
        <translation>标签排队中</translation>
    </message>
    <message>
        <source>Label printing</source>
        <translation>标签打印中</translation>
    </message>
    <message>
        <source>Label NOT printed, retrying: {reason}</source>
        <translation>标签未打印，正在重试：{reason}</translation>
    </message>
    <message>
        <source>Label cancelled</source>
        <translation>标签已取消</translation>
    </message>
</context>
<context>
    <name>ShipmentList</name>
    <message>
        <source>Order / carton</source>
        <translation>订单 / 箱号</translation>
    </message>
    <message>
        <source>SSCC · carrier</source>
        <translation>SSCC · 承运商</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Reprint</source>
        <translation>重打</translation>
    </message>
</context>
</TS>
