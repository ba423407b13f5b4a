using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;

namespace Kiosk.Memory.Bench;

/// <summary>
/// The runtime's own allocation sampling (GCAllocationTick: one event about every 100 KB allocated, naming the type
/// that crossed it), listened to inside the kiosk child: which types the bytes per ticket go to. Only with
/// <c>--allocations</c>, as the listener itself allocates and would spoil the memory figures.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const int AllocationTickEvent = 10;
    private readonly ConcurrentDictionary<string, long> bytesByType = new(StringComparer.Ordinal);

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (eventData.EventId == AllocationTickEvent && eventData.Payload is { } payload && eventData.PayloadNames is { } names)
        {
            var type = payload[names.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(payload[names.IndexOf("AllocationAmount")], CultureInfo.InvariantCulture);
            bytesByType.AddOrUpdate(type, amount, (_, total) => total + amount);
        }
    }

    /// <summary>The types with the most sampled bytes, "type=MiB" joined by "; ".</summary>
    public string Top(int count) => string.Join("; ", bytesByType.OrderByDescending(p => p.Value).Take(count)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key}={p.Value / 1024.0 / 1024.0:0.0}")));
}
