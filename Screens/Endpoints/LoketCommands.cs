using System.Text.RegularExpressions;
using Kiosk.Screens.Sessions;
using Kiosk.Screens.Text;
using Kiosk.Screens.Views;

namespace Kiosk.Screens.Endpoints;

/// <summary>Checks a command from the page before it reaches the broker, so the officer gets a precise answer at once.</summary>
public static partial class LoketCommands
{
    /// <summary>The command types a loket page may send, as the contract spells them.</summary>
    public static IReadOnlySet<string> Types { get; } = Enum.GetValues<Kiosk.Contract.Commands.CommandType>().Select(WireAdapter.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Null when the command may go out; otherwise the reason, in Bahasa Indonesia.</summary>
    public static string? Check(LoketCommandRequest request, ViewState state)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(state);
        if (request.CommandId is null || !CommandId().IsMatch(request.CommandId))
        {
            return Teks.NoCommandId;
        }

        if (request.Type is null || !Types.Contains(request.Type))
        {
            return Teks.UnknownType(request.Type);
        }

        if (request.Type is "call" or "return" && string.IsNullOrWhiteSpace(request.TicketNumber))
        {
            return Teks.NeedTicket;
        }

        // The kiosk checks these too; knowing the services from the state lets the page name the mistake before sending.
        if (request.Type == "transfer" && !state.Services.Any(s => s.IsPoli && s.Code == request.Poli))
        {
            return Teks.UnknownPoli(request.Poli);
        }

        if (request.Type is "emergency" or "issue")
        {
            if (string.IsNullOrWhiteSpace(request.Service))
            {
                return request.Type == "issue" ? Teks.NeedManualService : Teks.NeedService;
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
