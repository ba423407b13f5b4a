using System.Text;
using System.Text.Json;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Sessions;

/// <summary>
/// The kiosk's wire before contract v1 (PascalCase or camelCase enums, the thin state). WireAdapter falls back to it
/// only when a payload does not read as the contract; delete this file once the kiosk publishes contract v1 everywhere.
/// </summary>
internal static class LegacyWire
{
    internal static bool TryReadState(ReadOnlyMemory<byte> payload, Func<string, int> sopMinutes, out WireSnapshot? snapshot)
    {
        snapshot = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var services = new List<ViewService>();
            foreach (var service in Array(root, "services"))
            {
                var code = Text(service, "serviceCode") ?? Text(service, "code") ?? "";
                var tickets = new List<ViewTicket>();
                int waiting;
                if (service.TryGetProperty("waiting", out var waitingElement) && waitingElement.ValueKind == JsonValueKind.Array)
                {
                    foreach (var ticket in waitingElement.EnumerateArray())
                    {
                        if (Callable(Text(ticket, "printState")))
                        {
                            tickets.Add(ReadTicket(ticket, code));
                        }
                    }

                    waiting = Int(service, "waitingCount") ?? tickets.Count;
                }
                else
                {
                    waiting = Int(service, "waitingCount") ?? Int(service, "waiting") ?? 0;
                }

                services.Add(new ViewService(code, Text(service, "name") ?? code, Bool(service, "isPoli"), waiting, sopMinutes(code), tickets));
            }

            var counters = new List<ViewCounter>();
            foreach (var counter in Array(root, "counters"))
            {
                ViewTicket? serving = null;
                if (counter.TryGetProperty("nowServing", out var now))
                {
                    if (now.ValueKind == JsonValueKind.Object)
                    {
                        var service = Text(now, "serviceCode") ?? "";
                        serving = ReadTicket(now, service) with { CalledAt = Time(now, "since") ?? Time(now, "calledAt") };
                    }
                    else if (now.ValueKind == JsonValueKind.String)
                    {
                        serving = new ViewTicket(now.GetString()!, Text(counter, "nowServingService") ?? "", null, "none", "", "", 1, null, null, 0);
                    }
                }

                var id = Text(counter, "counterId") ?? Text(counter, "id") ?? "";
                counters.Add(new ViewCounter(id, Text(counter, "name") ?? $"Loket {id}", Bool(counter, "paused"), serving));
            }

            List<ViewCall>? lastCalls = null;
            if (root.TryGetProperty("lastCalls", out var calls) && calls.ValueKind == JsonValueKind.Array)
            {
                lastCalls = [];
                foreach (var call in calls.EnumerateArray())
                {
                    var counterId = Text(call, "counterId");
                    lastCalls.Add(new ViewCall(Text(call, "number") ?? "", Text(call, "serviceCode") ?? "", counterId, "", Time(call, "calledAt") ?? DateTimeOffset.MinValue, Int(call, "callCount") ?? 1));
                }
            }

            snapshot = new WireSnapshot(Text(root, "businessDay"), Bool(root, "dayClosed"), Long(root, "sequence") ?? 0, services, counters, lastCalls);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    internal static bool TryReadEvent(ReadOnlyMemory<byte> payload, out WireEvent? wireEvent)
    {
        wireEvent = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            var type = Text(root, "type") ?? "";
            ViewTicket? ticket = null;
            string? counterId = null;
            var transferIn = false;
            if (root.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object)
            {
                counterId = Text(data, "counterId");
                if (type.StartsWith("ticket.", StringComparison.Ordinal) && Text(data, "number") is not null)
                {
                    ticket = ReadTicket(data, Text(data, "serviceCode") ?? "");
                    transferIn = data.TryGetProperty("transferredFrom", out var from) && from.ValueKind == JsonValueKind.String;
                }
            }

            wireEvent = new WireEvent(Text(root, "eventId") ?? "", Long(root, "sequence") ?? 0, type, Time(root, "occurredAt") ?? DateTimeOffset.MinValue, ticket, counterId, transferIn);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    internal static bool TryReadStatus(ReadOnlyMemory<byte> payload, out bool online, out string? message)
    {
        online = false;
        message = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            online = Bool(document.RootElement, "online");
            message = Text(document.RootElement, "message");
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>Reads a counter reply: the answer for the officer, and the card the ticket carries (only this topic has it).</summary>
    internal static bool TryReadReply(ReadOnlyMemory<byte> payload, out CommandAnswer? answer, out LoketCard? card)
    {
        answer = null;
        card = null;
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            ViewTicket? ticket = null;
            ViewTicket? newTicket = null;
            if (root.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object)
            {
                ticket = ReadTicket(t, Text(t, "serviceCode") ?? "");
                if (t.TryGetProperty("cardData", out var c) && c.ValueKind == JsonValueKind.Object && Text(c, "number") is { } number)
                {
                    card = new LoketCard(ticket.Number, Kebab(Text(c, "kind") ?? ""), number);
                }
            }

            if (root.TryGetProperty("newTicket", out var n) && n.ValueKind == JsonValueKind.Object)
            {
                newTicket = ReadTicket(n, Text(n, "serviceCode") ?? "");
            }

            answer = new CommandAnswer(Text(root, "commandId"), Bool(root, "ok"), Text(root, "message") ?? "", Text(root, "errorCode"), ticket, newTicket);
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            return false;
        }
    }

    private static ViewTicket ReadTicket(JsonElement t, string serviceCode) => new(
        Text(t, "number") ?? "",
        serviceCode,
        Time(t, "issuedAt"),
        Kebab(Text(t, "priority") ?? "none"),
        Kebab(Text(t, "category") ?? ""),
        Kebab(Text(t, "payer") ?? ""),
        Int(t, "familySize") ?? 1,
        Text(t, "transferredFromNumber"),
        Time(t, "calledAt") ?? Time(t, "lastCalledAt"),
        Int(t, "callCount") ?? 0);

    private static bool Callable(string? printState) => printState is null || Kebab(printState) is "printed" or "not-required";

    private static JsonElement[] Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Bool(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static long? Long(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static DateTimeOffset? Time(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var time) ? time : null;

    /// <summary>"IbuHamil", "ibuHamil" and "ibu-hamil" all become "ibu-hamil" for the pages.</summary>
    internal static string Kebab(string value)
    {
        var text = new StringBuilder(value.Length + 4);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsUpper(c) && i > 0 && value[i - 1] != '-')
            {
                text.Append('-');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
