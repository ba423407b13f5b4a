using System.Text.Json;
using Kiosk.Queue.Model;
using Kiosk.Queue.Results;

namespace Kiosk.Device.Messaging;

/// <summary>
/// The JSON a counter publishes on <c>queue/{site}/counter/{N}/command</c>. The counter id is taken from the topic,
/// never from the payload: the broker ACL lets only <c>counter-N</c> write there, so the topic is the proof of origin.
/// </summary>
public sealed record CounterCommandMessage
{
    public string? CommandId { get; init; }

    public string? Type { get; init; }

    public string? TicketNumber { get; init; }

    public Guid? TicketId { get; init; }

    public string? Poli { get; init; }

    public string? Service { get; init; }

    public PatientCategory? Category { get; init; }

    public Payer? Payer { get; init; }

    public PriorityClass? Priority { get; init; }

    public int? FamilySize { get; init; }

    public string? Reason { get; init; }

    /// <summary>When the officer pressed the button; a command older than the limit is refused rather than run late.</summary>
    public DateTimeOffset? SentAt { get; init; }

    private static readonly Dictionary<string, CounterCommandKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["call-next"] = CounterCommandKind.CallNext,
        ["call"] = CounterCommandKind.CallSpecific,
        ["call-number"] = CounterCommandKind.CallSpecific,
        ["recall"] = CounterCommandKind.Recall,
        ["skip"] = CounterCommandKind.Skip,
        ["no-show"] = CounterCommandKind.NoShow,
        ["return"] = CounterCommandKind.ReturnSkipped,
        ["serve"] = CounterCommandKind.ServeDone,
        ["done"] = CounterCommandKind.ServeDone,
        ["transfer"] = CounterCommandKind.Transfer,
        ["cancel"] = CounterCommandKind.Cancel,
        ["emergency"] = CounterCommandKind.IssueEmergency,
        ["manual"] = CounterCommandKind.IssueEmergency,
        ["pause"] = CounterCommandKind.Pause,
        ["resume"] = CounterCommandKind.Resume,
    };

    /// <summary>The accepted values of <c>type</c>, for error messages and the README.</summary>
    public static IReadOnlyCollection<string> Types => Kinds.Keys;

    /// <summary>
    /// Parses a command payload. Anything wrong comes back as <paramref name="error"/> (Bahasa Indonesia, for the officer)
    /// with whatever command id could still be read, so the reply reaches the right request.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, string counterId, DateTimeOffset now, TimeSpan maxAge, out CounterCommand? command, out string? commandId, out string? error)
    {
        command = null;
        commandId = null;
        CounterCommandMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<CounterCommandMessage>(payload, KioskJson.Options);
        }
        catch (JsonException ex)
        {
            error = $"Perintah tidak dapat dibaca (JSON tidak valid: {ex.Message})";
            return false;
        }

        if (message is null)
        {
            error = "Perintah kosong.";
            return false;
        }

        commandId = message.CommandId;
        if (string.IsNullOrWhiteSpace(message.CommandId) || message.CommandId.Length > 100)
        {
            error = "commandId wajib diisi (maksimal 100 karakter) agar perintah tidak dijalankan dua kali.";
            return false;
        }

        if (message.Type is null || !Kinds.TryGetValue(message.Type, out var kind))
        {
            error = $"Jenis perintah '{message.Type}' tidak dikenal. Gunakan: {string.Join(", ", Kinds.Keys)}.";
            return false;
        }

        if (message.SentAt is { } sent && now - sent > maxAge)
        {
            error = $"Perintah kedaluwarsa: dikirim {sent:HH:mm:ss}, lebih dari {maxAge.TotalMinutes:0} menit lalu. Tekan lagi bila masih perlu.";
            return false;
        }

        if (message.FamilySize is < 1 or > 20)
        {
            error = $"Jumlah anggota keluarga {message.FamilySize} tidak valid (1-20).";
            return false;
        }

        command = new CounterCommand(message.CommandId, counterId, kind)
        {
            TicketNumber = message.TicketNumber,
            TicketId = message.TicketId,
            PoliCode = message.Poli,
            ServiceCode = message.Service,
            Category = message.Category ?? PatientCategory.Unknown,
            Payer = message.Payer ?? Queue.Model.Payer.Unknown,
            Priority = message.Priority ?? PriorityClass.None,
            FamilySize = message.FamilySize ?? 1,
            Reason = message.Reason,
        };
        error = null;
        return true;
    }
}
