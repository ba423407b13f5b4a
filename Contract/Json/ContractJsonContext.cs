using System.Text.Json;
using System.Text.Json.Serialization;
using Kiosk.Contract.Bpjs;
using Kiosk.Contract.Commands;
using Kiosk.Contract.District;
using Kiosk.Contract.Events;
using Kiosk.Contract.State;
using Kiosk.Contract.Status;

namespace Kiosk.Contract.Json;

/// <summary>
/// Source-generated metadata of every wire type. The rules: camelCase names; every member always written, null when it
/// has no value (explicit null); enums as kebab-case strings; unknown members ignored on read (a newer minor version).
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    WriteIndented = false,
    NumberHandling = JsonNumberHandling.Strict,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip)]
[JsonSerializable(typeof(EventEnvelope))]
[JsonSerializable(typeof(TicketData))]
[JsonSerializable(typeof(DayData))]
[JsonSerializable(typeof(BookingData))]
[JsonSerializable(typeof(CounterData))]
[JsonSerializable(typeof(DayRecapData))]
[JsonSerializable(typeof(StateSnapshot))]
[JsonSerializable(typeof(KioskStatus))]
[JsonSerializable(typeof(LinkHeartbeat))]
[JsonSerializable(typeof(CounterCommandMessage))]
[JsonSerializable(typeof(CounterReply))]
[JsonSerializable(typeof(ReplyTicket))]
[JsonSerializable(typeof(BpjsRequest))]
[JsonSerializable(typeof(BpjsReply))]
[JsonSerializable(typeof(BpjsBridgeStatus))]
[JsonSerializable(typeof(DateTimeOffset))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
