using System.Text.RegularExpressions;
using Kiosk.Contract.Commands;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Text;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Endpoints;

/// <summary>Checks a command from the page before it reaches the broker, so the officer gets a precise answer at once.</summary>
public static partial class LoketCommands
{
    /// <summary>Null when the command may go out; otherwise the reason, in Bahasa Indonesia.</summary>
    public static string? Check(LoketCommandRequest request, ViewState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        if (request.CommandId is null || !CommandId().IsMatch(request.CommandId))
        {
            return Teks.NoCommandId;
        }

        // The command types a loket page may send are the contract's, read by the contract's own reader.
        if (request.Type is null || !CommandReader.TryParseType(request.Type, out var type))
        {
            return Teks.UnknownType(request.Type);
        }

        if (type is CommandType.Call or CommandType.Return && string.IsNullOrWhiteSpace(request.TicketNumber))
        {
            return Teks.NeedTicket;
        }

        // The kiosk checks these too; knowing the services from the state lets the page name the mistake before sending.
        if (type == CommandType.Transfer && !state.Services.Any(s => s.IsPoli && s.Code == request.Poli))
        {
            return Teks.UnknownPoli(request.Poli);
        }

        if (type is CommandType.Emergency or CommandType.Issue)
        {
            if (string.IsNullOrWhiteSpace(request.Service))
            {
                return type == CommandType.Issue ? Teks.NeedManualService : Teks.NeedService;
            }

            if (!state.Services.Any(s => s.Code == request.Service))
            {
                return Teks.UnknownService(request.Service);
            }
        }

        if (request.FamilySize is { } size and (< 1 or > 20))
        {
            return Teks.BadFamilySize(size);
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex CommandId();
}
