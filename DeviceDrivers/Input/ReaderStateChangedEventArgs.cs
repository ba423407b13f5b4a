namespace Kiosk.DeviceDrivers.Input;

public sealed class ReaderStateChangedEventArgs(ReaderState state, string reason) : EventArgs
{
    public ReaderState State { get; } = state;

    /// <summary>Why, in English for the log and the doctor (e.g. "No such file or directory (errno 2)").</summary>
    public string Reason { get; } = reason;
}
