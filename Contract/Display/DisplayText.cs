namespace Kiosk.Contract.Display;

/// <summary>
/// The plain-text payload of <c>queue/{site}/display/{N}</c> for simple LED boards (not JSON): the number counter N
/// serves, <see cref="Free"/> when it serves nobody, <see cref="Paused"/> when it is paused.
/// </summary>
public static class DisplayText
{
    public const string Free = "---";

    public const string Paused = "ISTIRAHAT";

    public static string For(bool paused, string? nowServing) => paused ? Paused : nowServing ?? Free;
}
