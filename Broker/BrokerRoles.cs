namespace Kiosk.Broker;

/// <summary>The role names of ARCHITECTURE.md; each is a Mosquitto user with its own ACL block.</summary>
public static class BrokerRoles
{
    public const string Kiosk = "kiosk";
    public const string Display = "display";
    public const string Bridge = "bridge";

    /// <summary>Counter users are <c>counter-1</c>..<c>counter-N</c>; N is the counter id used in topics.</summary>
    public static string Counter(int counterNumber)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(counterNumber, 1);
        return $"counter-{counterNumber}";
    }

    public static IReadOnlyList<string> All(int counterCount)
    {
        var roles = new List<string> { Kiosk, Display, Bridge };
        for (var i = 1; i <= counterCount; i++)
        {
            roles.Add(Counter(i));
        }

        return roles;
    }
}
