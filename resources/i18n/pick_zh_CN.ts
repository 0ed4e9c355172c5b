<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>BinCodeDisplay</name>
    <message>
        <source>Zone</source>
        <translation>区</translation>
    </message>
    <message>
        <source>Aisle</source>
        <translation>巷道</translation>
    </message>
    <message>
        <source>Bay</source>
        <translation>货架</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Slot</source>
        <translation>位</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
</context>
<context>
    <name>PickScreen</name>
    <message>
        <source>Scan a cart or a tote to start</source>
        <translation>扫描拣货车或周转箱开始</translation>
    </message>
    <message>
        <source>or tap the button: the station forms your batch</source>
        <translation>或点按钮：由工作站为您组批</translation>
    </message>
    <message>
        <source>Start batch</source>
        <translation>开始批次</translation>
    </message>
    <message>
        <source>■ depot  ▼ you  ● next  ○ to do  ✔ done  ✖ short</source>
        <translation>■ 起点  ▼ 您  ● 下一个  ○ 待拣  ✔ 已拣  ✖ 缺货</translation>
    </message>
    <message>
        <source>Short</source>
        <translation>缺货</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Key in count</source>
        <translation>输入数量</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Short pick: why?</source>
        <translation>缺货：原因？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>How many did you take?</source>
        <translation>您拿了几件？</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Next batch</source>
        <translation>下一批次</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Tote</source>
        <translation>周转箱</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>已拣</translation>
    </message>
    <message>
        <source>Take the totes to packing.</source>
        <translation>请把周转箱送到打包台。</translation>
    </message>
    <message>
        <source>Your batch {code} is back where you left it.</source>
        <translation>您的批次 {code} 已恢复到上次的位置。</translation>
    </message>
    <message>
        <source>Forming your batch…</source>
        <translation>正在组批…</translation>
    </message>
    <message>
        <source>{n} orders waiting to be picked</source>
        <translation>{n} 个订单待拣货</translation>
    </message>
    <message>
        <source>Wait: your batch is being formed.</source>
        <translation>请稍候：正在为您组批。</translation>
    </message>
    <message>
        <source>Asking the server for your batch…</source>
        <translation>正在向服务器领取您的拣货批次…</translation>
    </message>
    <message>
        <source>No batch here yet, and the server cannot be reached ({why}).</source>
        <translation>本机还没有批次，且无法连接服务器（{why}）。</translation>
    </message>
    <message>
        <source>no answer</source>
        <translation>无响应</translation>
    </message>
    <message>
        <source>✔ Batch {code}: {orders} orders, {steps} bins, {m} m walk</source>
        <translation>✔ 批次 {code}：{orders} 个订单，{steps} 个库位，步行 {m} 米</translation>
    </message>
    <message>
        <source>Could not form a batch: {error}</source>
        <translation>无法组批：{error}</translation>
    </message>
    <message>
        <source>Step {k} of {n}</source>
        <translation>第 {k} / {n} 步</translation>
    </message>
    <message>
        <source>Batch {code} · step {k} of {n}</source>
        <translation>批次 {code} · 第 {k} / {n} 步</translation>
    </message>
    <message>
        <source>Put the unit in tote {tote} and scan the tote.</source>
        <translation>把这 1 件放入周转箱 {tote}，然后扫描周转箱。</translation>
    </message>
    <message>
        <source>{n} units left</source>
        <translation>剩余 {n} 件</translation>
    </message>
    <message>
        <source>Then: {bins}</source>
        <translation>接下来：{bins}</translation>
    </message>
    <message>
        <source>No batch here yet. {refused}</source>
        <translation>这里还没有批次。{refused}</translation>
    </message>
    <message>
        <source>This is the last bin of the batch.</source>
        <translation>这是本批次的最后一个库位。</translation>
    </message>
    <message>
        <source>lot {lot}</source>
        <translation>批号 {lot}</translation>
    </message>
    <message>
        <source>skipped earlier</source>
        <translation>之前跳过</translation>
    </message>
    <message>
        <source>Into tote</source>
        <translation>放入周转箱</translation>
    </message>
    <message>
        <source>cart slot {slot} · order {order}</source>
        <translation>车位 {slot} · 订单 {order}</translation>
    </message>
    <message>
        <source>Pick</source>
        <translation>拣货</translation>
    </message>
    <message>
        <source>counted {k} of {n}</source>
        <translation>已数 {k} / {n}</translation>
    </message>
    <message>
        <source>Go to bin {bin} and scan its label.</source>
        <translation>前往库位 {bin}，扫描库位标签。</translation>
    </message>
    <message>
        <source>Scan the product: {name}.</source>
        <translation>扫描商品：{name}。</translation>
    </message>
    <message>
        <source>Scan the next unit ({k} of {n}), or key in the count.</source>
        <translation>扫描下一件（第 {k} / {n} 件），或输入数量。</translation>
    </message>
    <message>
        <source>Put the {n} units in tote {tote} and scan the tote.</source>
        <translation>把这 {n} 件放入周转箱 {tote}，然后扫描周转箱。</translation>
    </message>
    <message>
        <source>1 unit left</source>
        <translation>剩余 1 件</translation>
    </message>
    <message>
        <source>1 unit picked</source>
        <translation>已拣 1 件</translation>
    </message>
    <message>
        <source>{n} units picked</source>
        <translation>已拣 {n} 件</translation>
    </message>
    <message>
        <source>1 line short</source>
        <translation>缺货 1 行</translation>
    </message>
    <message>
        <source>{n} lines short</source>
        <translation>缺货 {n} 行</translation>
    </message>
    <message>
        <source>1 unit</source>
        <translation>1 件</translation>
    </message>
    <message>
        <source>{n} units</source>
        <translation>{n} 件</translation>
    </message>
    <message>
        <source>1 bin to count</source>
        <translation>待盘点库位 1 个</translation>
    </message>
    <message>
        <source>{n} bins to count</source>
        <translation>待盘点库位 {n} 个</translation>
    </message>
    <message>
        <source>walk {m} m · {min} min</source>
        <translation>步行 {m} 米 · 用时 {min} 分钟</translation>
    </message>
    <message>
        <source>Batch {code} done</source>
        <translation>批次 {code} 完成</translation>
    </message>
    <message>
        <source>Start a batch first: scan a cart or a tote.</source>
        <translation>请先开始批次：扫描拣货车或周转箱。</translation>
    </message>
    <message>
        <source>The batch is paused: tap Resume first.</source>
        <translation>批次已暂停：请先点“继续”。</translation>
    </message>
    <message>
        <source>Choose why the pick is short, or Cancel.</source>
        <translation>请选择缺货原因，或点“取消”。</translation>
    </message>
    <message>
        <source>✔ Bin {bin}</source>
        <translation>✔ 库位 {bin}</translation>
    </message>
    <message>
        <source>✔ {n} counted: scan tote {tote}</source>
        <translation>✔ 已数 {n} 件：请扫描周转箱 {tote}</translation>
    </message>
    <message>
        <source>✔ {k} of {n}</source>
        <translation>✔ {k} / {n}</translation>
    </message>
    <message>
        <source>✔ {n} × {name} in tote {tote}</source>
        <translation>✔ {n} × {name} 已放入周转箱 {tote}</translation>
    </message>
    <message>
        <source>{bin} · {name} · {n} still to pick</source>
        <translation>{bin} · {name} · 还需拣 {n} 件</translation>
    </message>
    <message>
        <source>✔ Short noted ({reason}). The rest comes from bin {bins}.</source>
        <translation>✔ 已记录缺货（{reason}）。其余从库位 {bins} 拣取。</translation>
    </message>
    <message>
        <source>✔ Short noted ({reason}): the order gets {n} fewer.</source>
        <translation>✔ 已记录缺货（{reason}）：该订单少发 {n} 件。</translation>
    </message>
    <message>
        <source>✔ Skipped {bin}: it comes again at the end.</source>
        <translation>✔ 已跳过 {bin}：最后会再回来拣。</translation>
    </message>
    <message>
        <source>↶ Undone: take the units back out of the tote.</source>
        <translation>↶ 已撤销：请把这些商品从周转箱取出。</translation>
    </message>
    <message>
        <source>{name}: up to {n}</source>
        <translation>{name}：最多 {n} 件</translation>
    </message>
    <message>
        <source>Paused. The batch waits for you, even over a restart.</source>
        <translation>已暂停。即使重启，批次也会保留。</translation>
    </message>
    <message>
        <source>▶ Resumed</source>
        <translation>▶ 已继续</translation>
    </message>
</context>
<context>
    <name>PickTexts</name>
    <message>
        <source>✖ Wrong bin {got}. Go to bin {expected}.</source>
        <translation>✖ 库位错误 {got}。请前往库位 {expected}。</translation>
    </message>
    <message>
        <source>✖ Scan the bin label {expected} first.</source>
        <translation>✖ 请先扫描库位标签 {expected}。</translation>
    </message>
    <message>
        <source>✖ Wrong product ({got}). Take: {expected}.</source>
        <translation>✖ 商品错误（{got}）。请拿：{expected}。</translation>
    </message>
    <message>
        <source>✖ Lot {lot} expired on {date}: do not pick it. Take another lot.</source>
        <translation>✖ 批号 {lot} 已于 {date} 过期：不要拣这一批，请换一个批号。</translation>
    </message>
    <message>
        <source>✖ Another lot ({got}). Put the units of lot {expected} in the tote first.</source>
        <translation>✖ 另一个批号（{got}）。请先把批号 {expected} 的商品放入周转箱。</translation>
    </message>
    <message>
        <source>✖ Too many: only {expected} to pick here, that makes {got}.</source>
        <translation>✖ 数量过多：此处只需拣 {expected} 件，现在是 {got} 件。</translation>
    </message>
    <message>
        <source>✖ Scan the product first: {expected}.</source>
        <translation>✖ 请先扫描商品：{expected}。</translation>
    </message>
    <message>
        <source>✖ Wrong tote {got}. Put it in tote {expected}.</source>
        <translation>✖ 周转箱错误 {got}。请放入周转箱 {expected}。</translation>
    </message>
    <message>
        <source>✖ Not expected here. Scan the {what}.</source>
        <translation>✖ 此处不需要这个。请扫描{what}。</translation>
    </message>
    <message>
        <source>bin label</source>
        <translation>库位标签</translation>
    </message>
    <message>
        <source>product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>tote</source>
        <translation>周转箱</translation>
    </message>
    <message>
        <source>No orders are waiting to be picked.</source>
        <translation>没有待拣货的订单。</translation>
    </message>
    <message>
        <source>No free tote: empty totes must come back from packing first.</source>
        <translation>没有空周转箱：需先从打包台取回空箱。</translation>
    </message>
    <message>
        <source>✖ Tote {tote} already holds an order. Take an empty tote.</source>
        <translation>✖ 周转箱 {tote} 已有订单。请拿一个空箱。</translation>
    </message>
    <message>
        <source>✖ Tote {tote} is not one of ours.</source>
        <translation>✖ 周转箱 {tote} 不是本仓库的。</translation>
    </message>
    <message>
        <source>This batch is not running (paused or finished).</source>
        <translation>该批次未在进行（已暂停或已完成）。</translation>
    </message>
    <message>
        <source>The screen was behind; it now shows the current step.</source>
        <translation>屏幕未及时更新；现已显示当前步骤。</translation>
    </message>
    <message>
        <source>✖ Wrong tote {tote}.</source>
        <translation>✖ 周转箱错误 {tote}。</translation>
    </message>
    <message>
        <source>✖ Quantity {quantity} is more than is left to pick here.</source>
        <translation>✖ 数量 {quantity} 超过此处剩余待拣数量。</translation>
    </message>
    <message>
        <source>✖ Lot {lot} has expired: do not pick it.</source>
        <translation>✖ 批号 {lot} 已过期：不要拣。</translation>
    </message>
    <message>
        <source>Nothing to undo in this batch.</source>
        <translation>该批次没有可撤销的操作。</translation>
    </message>
    <message>
        <source>Choose why the pick is short.</source>
        <translation>请选择缺货原因。</translation>
    </message>
    <message>
        <source>That did not work ({code}).</source>
        <translation>操作未成功（{code}）。</translation>
    </message>
    <message>
        <source>Bin empty</source>
        <translation>库位空</translation>
    </message>
    <message>
        <source>Damaged</source>
        <translation>破损</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>找不到</translation>
    </message>
    <message>
        <source>Quantity wrong</source>
        <translation>数量不对</translation>
    </message>
</context>
<context>
    <name>StageChips</name>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Tote</source>
        <translation>周转箱</translation>
    </message>
</context>
</TS>
