<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ScanTestPanel</name>
    <message>
        <source>Test scan</source>
        <translation>测试扫描</translation>
    </message>
    <message>
        <source>Scan any barcode with any scanner.</source>
        <translation>用任意扫描枪扫描任意条码。</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Latency</source>
        <translation>延迟</translation>
    </message>
    <message>
        <source>AIM identifier</source>
        <translation>AIM 标识符</translation>
    </message>
    <message>
        <source>Bytes (hex)</source>
        <translation>字节（十六进制）</translation>
    </message>
    <message>
        <source>As text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Parsed</source>
        <translation>解析结果</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>Text for a simulated scanner</source>
        <translation>模拟扫描枪的内容</translation>
    </message>
    <message>
        <source>Simulate scan</source>
        <translation>模拟扫描</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已接受</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>未接受</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 毫秒</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
</context>
<context>
    <name>ScannerEditor</name>
    <message>
        <source>Use this scanner</source>
        <translation>启用此扫描枪</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Even</source>
        <translation>偶校验</translation>
    </message>
    <message>
        <source>Odd</source>
        <translation>奇校验</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>标记（Mark）</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格（Space）</translation>
    </message>
    <message>
        <source>CR (carriage return)</source>
        <translation>CR（回车）</translation>
    </message>
    <message>
        <source>LF (line feed)</source>
        <translation>LF（换行）</translation>
    </message>
    <message>
        <source>CR LF</source>
        <translation>CR LF（回车换行）</translation>
    </message>
    <message>
        <source>None: a pause ends the scan</source>
        <translation>无：停顿即结束一次扫描</translation>
    </message>
    <message>
        <source>US (QWERTY)</source>
        <translation>美式（QWERTY）</translation>
    </message>
    <message>
        <source>German (QWERTZ)</source>
        <translation>德式（QWERTZ）</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>回车键</translation>
    </message>
    <message>
        <source>Tab</source>
        <translation>Tab 键</translation>
    </message>
    <message>
        <source>e.g. ^ or ~ (empty: none)</source>
        <translation>例如 ^ 或 ~（留空：不使用）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Baud rate</source>
        <translation>波特率</translation>
    </message>
    <message>
        <source>Parity</source>
        <translation>校验位</translation>
    </message>
    <message>
        <source>Ends with</source>
        <translation>结束符</translation>
    </message>
    <message>
        <source>Pause that ends a scan</source>
        <translation>结束扫描的停顿</translation>
    </message>
    <message>
        <source>Input device</source>
        <translation>输入设备</translation>
    </message>
    <message>
        <source>Scanner keyboard country</source>
        <translation>扫描枪键盘国家</translation>
    </message>
    <message>
        <source>Max time between keys</source>
        <translation>按键最大间隔</translation>
    </message>
    <message>
        <source>Shortest scan</source>
        <translation>最短扫描长度</translation>
    </message>
    <message>
        <source>Last key</source>
        <translation>结束键</translation>
    </message>
    <message>
        <source>Remove prefix</source>
        <translation>去除前缀</translation>
    </message>
    <message>
        <source>Remove suffix</source>
        <translation>去除后缀</translation>
    </message>
    <message>
        <source>GS stand-in character</source>
        <translation>GS 替代字符</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>New scanner</source>
        <translation>新扫描枪</translation>
    </message>
    <message>
        <source>Edit scanner</source>
        <translation>编辑扫描枪</translation>
    </message>
</context>
<context>
    <name>ScannerRow</name>
    <message>
        <source>%1 · %2 baud</source>
        <translation>%1 · %2 波特</translation>
    </message>
</context>
<context>
    <name>ScannerTexts</name>
    <message>
        <source>Connected</source>
        <translation>已连接</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>正在重连</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>Waiting for the scanner to be plugged in</source>
        <translation>等待插入扫描枪</translation>
    </message>
    <message>
        <source>Unplugged: it is used again as soon as it is back</source>
        <translation>已拔出：重新插入后会自动恢复使用</translation>
    </message>
    <message>
        <source>No permission to open it: add the station user to the &apos;dialout&apos; group (serial) or the &apos;input&apos; group (evdev)</source>
        <translation>无权打开：请把工作站用户加入 &apos;dialout&apos; 组（串口）或 &apos;input&apos; 组（evdev）</translation>
    </message>
    <message>
        <source>Another program is using it: close that program</source>
        <translation>另一个程序正在使用它：请关闭该程序</translation>
    </message>
    <message>
        <source>This kind of scanner cannot run on this computer</source>
        <translation>此类扫描枪无法在这台电脑上运行</translation>
    </message>
    <message>
        <source>These settings cannot work: edit the scanner</source>
        <translation>这些设置无法工作：请编辑此扫描枪</translation>
    </message>
    <message>
        <source>It cannot be opened</source>
        <translation>无法打开</translation>
    </message>
    <message>
        <source>Switched off in its settings</source>
        <translation>已在设置中关闭</translation>
    </message>
    <message>
        <source>Serial (RS-232 or USB serial)</source>
        <translation>串口（RS-232 或 USB 串口）</translation>
    </message>
    <message>
        <source>Keyboard wedge (USB keyboard mode)</source>
        <translation>键盘模式（USB 键盘仿真）</translation>
    </message>
    <message>
        <source>Input device (Linux evdev, grabbed)</source>
        <translation>输入设备（Linux evdev，独占）</translation>
    </message>
    <message>
        <source>Simulated (no hardware)</source>
        <translation>模拟（无硬件）</translation>
    </message>
    <message>
        <source>Product</source>
        <translation>商品</translation>
    </message>
    <message>
        <source>Shipping label (SSCC)</source>
        <translation>物流标签（SSCC）</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>库位</translation>
    </message>
    <message>
        <source>Tote</source>
        <translation>周转箱</translation>
    </message>
    <message>
        <source>Cart</source>
        <translation>拣货车</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <source>Not accepted</source>
        <translation>未接受</translation>
    </message>
    <message>
        <source>GTIN</source>
        <translation>GTIN</translation>
    </message>
    <message>
        <source>Lot</source>
        <translation>批号</translation>
    </message>
    <message>
        <source>Expiry</source>
        <translation>有效期</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>序列号</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Net weight (kg)</source>
        <translation>净重（千克）</translation>
    </message>
    <message>
        <source>Symbology</source>
        <translation>码制</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>SSCC</source>
        <translation>SSCC</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
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
        <translation>列</translation>
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
        <source>Number</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Far too long: the scanner&apos;s terminator setting does not match (CR, LF or CRLF).</source>
        <translation>太长：扫描枪的结束符设置不匹配（CR、LF 或 CRLF）。</translation>
    </message>
    <message>
        <source>Not text: check the baud rate and parity of the scanner.</source>
        <translation>不是文本：请检查扫描枪的波特率和校验位。</translation>
    </message>
    <message>
        <source>Line noise (control bytes): check the baud rate and the cable, then scan again.</source>
        <translation>线路噪声（控制字节）：请检查波特率和线缆，然后重新扫描。</translation>
    </message>
    <message>
        <source>Cut off: no terminator came. Check the terminator setting, then scan again.</source>
        <translation>不完整：没有收到结束符。请检查结束符设置，然后重新扫描。</translation>
    </message>
    <message>
        <source>Unreadable: check the scanner&apos;s settings, then scan again.</source>
        <translation>无法读取：请检查扫描枪设置，然后重新扫描。</translation>
    </message>
</context>
<context>
    <name>ScannersPage</name>
    <message>
        <source>Scanners</source>
        <translation>扫描枪</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>No scanners yet. Tap “Add” to set one up.</source>
        <translation>还没有扫描枪。点击“添加”进行设置。</translation>
    </message>
    <message>
        <source>Tap again to remove</source>
        <translation>再点一次以删除</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>未保存：%1</translation>
    </message>
    <message>
        <source>Scanner settings saved and in use.</source>
        <translation>扫描枪设置已保存并生效。</translation>
    </message>
    <message>
        <source>Scan read: %1</source>
        <translation>已读取：%1</translation>
    </message>
</context>
</TS>
