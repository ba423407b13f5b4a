using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Kiosk.Contract.Commands;
using Kiosk.Queue.Outbox;
using Kiosk.Queue.Results;

namespace Kiosk.Device.Messaging;

/// <summary>
/// Turns a command payload (read by the contract's <see cref="CommandReader"/>) into a queue engine command, refusing a
/// press older than the age limit. Refusals carry the command id and type whenever they could be read.
/// </summary>
public static class CounterCommands
{
    public static bool TryParse(ReadOnlySpan<byte> payload, string counterId, DateTimeOffset now, TimeSpan maxAge, TimeZoneInfo siteZone,
        [NotNullWhen(true)] out CounterCommand? command, [NotNullWhen(false)] out CommandRefusal? refusal)
    {
        ArgumentNullException.ThrowIfNull(siteZone);
        command = null;
        if (!CommandReader.TryRead(payload, out var message, out refusal))
        {
            return false;
        }

        if (message.SentAt is { } sent && now - sent > maxAge)
        {
            // Shown in the site's time, whatever offset the loket wrote: the officer compares it with the clock on the wall.
            var local = TimeZoneInfo.ConvertTime(sent, siteZone);
            refusal = new(message.CommandId, message.Type, ErrorCode.StaleCommand,
                string.Create(CultureInfo.InvariantCulture, $"Perintah kedaluwarsa: dikirim {local:HH:mm:ss}, lebih dari {maxAge.TotalMinutes:0} menit lalu. Tekan lagi bila masih perlu."),
                $"sentAt {sent:O} is older than {maxAge}");
            return false;
        }

        command = new CounterCommand(message.CommandId, counterId, message.Type.FromWire())
        {
            TicketNumber = message.TicketNumber,
            TicketId = message.TicketId,
            PoliCode = message.Poli,
            ServiceCode = message.Service,
            Category = (message.Category ?? Kiosk.Contract.PatientCategory.Lama).FromWire(),
            Payer = (message.Payer ?? Kiosk.Contract.Payer.Umum).FromWire(),
            Priority = (message.Priority ?? Kiosk.Contract.PriorityKind.None).FromWire(),
            FamilySize = message.FamilySize ?? 1,
            Reason = message.Reason,
        };
        return true;
    }
}
