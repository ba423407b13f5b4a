using System.Text.Json;
using Kiosk.Bpjs.Protocol;

namespace Kiosk.Bpjs.Doubles;

/// <summary>
/// The queue the double was told, per ticket (tanggal, kodepoli, nomorkartu), and its answers to add, panggil and
/// batal: a second add of the same card or number on the same day and poli is "already there", a repeated panggil
/// "already called", a repeated batal "already cancelled" (BPJS's answer shape: metadata 201 with the reason).
/// One lock: the book is small and every answer depends on what came before.
/// </summary>
internal sealed class BpjsQueueBook(BpjsDoubleMode mode)
{
    private readonly object gate = new();
    private readonly Dictionary<(string Tanggal, string Poli, string Kartu), Ticket> byCard = [];
    private readonly Dictionary<(string Tanggal, string Poli, string Nomor), Ticket> byNumber = [];
    private readonly List<BpjsReceived> requests = [];
    private TaskCompletionSource changed = NewSignal();
    private long sequence;

    public IReadOnlyList<BpjsReceived> Requests
    {
        get
        {
            lock (gate)
            {
                return [.. requests];
            }
        }
    }

    /// <summary>Completes at the next request recorded.</summary>
    public Task Changed
    {
        get
        {
            lock (gate)
            {
                return changed.Task;
            }
        }
    }

    public (int Code, string Message) Answer(string kind, byte[] body, DateTimeOffset at)
    {
        var text = System.Text.Encoding.UTF8.GetString(body);
        var fields = Fields.Read(body);
        lock (gate)
        {
            var (code, message) = fields is null ? (201, "Format data tidak sesuai") : kind switch
            {
                "add" => Add(fields),
                "panggil" => Panggil(fields),
                "batal" => Batal(fields),
                _ => (404, "Layanan tidak ditemukan"),
            };
            Record(kind, fields, text, at, code, message);
            return (code, message);
        }
    }

    /// <summary>
    /// A booking Mobile JKN took at the FKTP (BPJS keeps it from then on: the FKTP's later panggil or batal finds it,
    /// and a tambah for it is "already there").
    /// </summary>
    public void Hold(string tanggal, string kodePoli, string kartu, string nomor)
    {
        lock (gate)
        {
            var ticket = new Ticket();
            byCard.TryAdd((tanggal, kodePoli, kartu), ticket);
            byNumber.TryAdd((tanggal, kodePoli, nomor), ticket);
        }
    }

    /// <summary>A request refused before its body was looked at (credentials, a switch).</summary>
    public void RecordRefusal(string kind, byte[] body, DateTimeOffset at, BpjsOutcome answer)
    {
        lock (gate)
        {
            requests.Add(new BpjsReceived(++sequence, kind, string.Empty, string.Empty, string.Empty, null, System.Text.Encoding.UTF8.GetString(body), at, answer));
            Signal();
        }
    }

    private (int, string) Add(Fields f)
    {
        if (f.Kartu.Length == 0 || f.Nomor is not { Length: > 0 } nomor || !f.HasAngka)
        {
            return (201, "Data antrean tidak lengkap");
        }

        if (!mode.Poli.Any(p => p.KodePoli == f.Poli))
        {
            return (201, "Poli tidak ditemukan");
        }

        if (mode.RefusalFor(f.Kartu) is { } refusal)
        {
            return (201, refusal);
        }

        if (byCard.ContainsKey((f.Tanggal, f.Poli, f.Kartu)) || byNumber.ContainsKey((f.Tanggal, f.Poli, nomor)))
        {
            return (201, "Antrean sudah terdaftar");
        }

        var ticket = new Ticket();
        byCard[(f.Tanggal, f.Poli, f.Kartu)] = ticket;
        byNumber[(f.Tanggal, f.Poli, nomor)] = ticket;
        return (200, "Ok");
    }

    private (int, string) Panggil(Fields f)
    {
        if (f.Status is not (1 or 2) || !f.HasWaktu)
        {
            return (201, "Status atau waktu tidak sesuai");
        }

        if (!byCard.TryGetValue((f.Tanggal, f.Poli, f.Kartu), out var ticket) || ticket.Cancelled)
        {
            return (201, "Antrean tidak ditemukan");
        }

        if (ticket.Called)
        {
            return (201, "Antrean sudah dipanggil");
        }

        ticket.Called = true;
        return (200, "Ok");
    }

    private (int, string) Batal(Fields f)
    {
        if (!byCard.TryGetValue((f.Tanggal, f.Poli, f.Kartu), out var ticket))
        {
            return (201, "Antrean tidak ditemukan");
        }

        if (ticket.Cancelled)
        {
            return (201, "Antrean sudah dibatalkan");
        }

        ticket.Cancelled = true;
        return (200, "Ok");
    }

    private void Record(string kind, Fields? f, string body, DateTimeOffset at, int code, string message)
    {
        var answer = BpjsOutcomeRule.Classify(200, new BpjsEnvelope(code, message, null, null, string.Empty));
        requests.Add(new BpjsReceived(++sequence, kind, f?.Tanggal ?? string.Empty, f?.Poli ?? string.Empty, f?.Kartu ?? string.Empty, f?.Nomor, body, at, answer));
        Signal();
    }

    private void Signal()
    {
        var done = changed;
        changed = NewSignal();
        done.TrySetResult();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private sealed class Ticket
    {
        public bool Called { get; set; }

        public bool Cancelled { get; set; }
    }

    /// <summary>The fields the double keys and checks on; null when the body is not a JSON object with them as text.</summary>
    private sealed record Fields(string Tanggal, string Poli, string Kartu, string? Nomor, bool HasAngka, int? Status, bool HasWaktu)
    {
        public static Fields? Read(byte[] body)
        {
            try
            {
                using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 16 });
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object
                    || Text(root, "tanggalperiksa") is not { Length: > 0 } tanggal
                    || !DateOnly.TryParseExact(tanggal, "yyyy-MM-dd", out _)
                    || Text(root, "kodepoli") is not { Length: > 0 } poli
                    || Text(root, "nomorkartu") is not { } kartu)
                {
                    return null;
                }

                int? status = root.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.Number && s.TryGetInt32(out var n) ? n : null;
                return new Fields(
                    tanggal,
                    poli,
                    kartu,
                    Text(root, "nomorantrean"),
                    root.TryGetProperty("angkaantrean", out var a) && a.ValueKind == JsonValueKind.Number,
                    status,
                    root.TryGetProperty("waktu", out var w) && w.ValueKind == JsonValueKind.Number && w.TryGetInt64(out _));
            }
            catch (Exception e) when (e is JsonException or ArgumentException or InvalidOperationException)
            {
                return null;
            }
        }

        private static string? Text(JsonElement e, string name) =>
            e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
