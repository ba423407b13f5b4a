namespace Kiosk.Device.Input;

/// <summary>What becomes of one button press; every press gets one, none is dropped without a word.</summary>
public enum PressDecision
{
    /// <summary>A patient: a ticket is printed for this press, at once or after the tickets ahead of it.</summary>
    Taken,

    /// <summary>The same patient pressing again within the lock-out after their press was taken: no second ticket.</summary>
    DoublePress,

    /// <summary>Too many tickets already wait for the printer: the patient is told to press again.</summary>
    Busy,
}
