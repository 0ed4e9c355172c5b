<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>PrintersPage</name>
    <message>
        <source>Printers</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Connection</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Health</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>empty: the station&apos;s labels folder</source>
        <translation>留空：使用工作站的标签文件夹</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>CUPS queue</source>
        <translation>CUPS 队列</translation>
    </message>
    <message>
        <source>Host (raw TCP)</source>
        <translation>主机（原始 TCP）</translation>
    </message>
    <message>
        <source>PDF folder</source>
        <translation>PDF 文件夹</translation>
    </message>
    <message>
        <source>Label size</source>
        <translation>标签尺寸</translation>
    </message>
    <message>
        <source>Printer language</source>
        <translation>打印机语言</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Test print</source>
        <translation>测试打印</translation>
    </message>
    <message>
        <source>Find CUPS queues</source>
        <translation>查找 CUPS 队列</translation>
    </message>
    <message>
        <source>Print queue</source>
        <translation>打印队列</translation>
    </message>
    <message>
        <source>Job</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Tries</source>
        <translation>尝试次数</translation>
    </message>
    <message>
        <source>Raw TCP (port 9100)</source>
        <translation>原始 TCP（端口 9100）</translation>
    </message>
    <message>
        <source>ZPL (Zebra and compatible label printers)</source>
        <translation>ZPL（斑马及兼容标签打印机）</translation>
    </message>
    <message>
        <source>PDF (the printer or its driver takes PDF)</source>
        <translation>PDF（打印机或其驱动程序接受 PDF）</translation>
    </message>
    <message>
        <source>labels folder</source>
        <translation>标签文件夹</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>检查中</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>No CUPS queues found on this machine.</source>
        <translation>本机上没有找到 CUPS 队列。</translation>
    </message>
    <message>
        <source>printer-{n}</source>
        <translation>打印机-{n}</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>查找</translation>
    </message>
    <message>
        <source>New printer</source>
        <translation>新打印机</translation>
    </message>
    <message>
        <source>Edit: {name}</source>
        <translation>编辑：{name}</translation>
    </message>
    <message>
        <source>Add this printer</source>
        <translation>添加此打印机</translation>
    </message>
    <message>
        <source>Saved: {name}</source>
        <translation>已保存：{name}</translation>
    </message>
    <message>
        <source>Choose a printer in the list first.</source>
        <translation>请先在列表中选择一台打印机。</translation>
    </message>
    <message>
        <source>Removed: {name}</source>
        <translation>已删除：{name}</translation>
    </message>
    <message>
        <source>Not saved: {why}</source>
        <translation>未保存：{why}</translation>
    </message>
    <message>
        <source>Test label queued as job {job}</source>
        <translation>测试标签已排队，任务 {job}</translation>
    </message>
    <message>
        <source>Print queue: {n} retrying</source>
        <translation>打印队列：{n} 个重试中</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <source>sending</source>
        <translation>发送中</translation>
    </message>
    <message>
        <source>retrying: {why}</source>
        <translation>重试中：{why}</translation>
    </message>
    <message>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Retry now</source>
        <translation>立即重试</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
</TS>
