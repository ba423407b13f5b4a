namespace Kiosk.Screens.Sessions;

public enum LoginOutcome
{
    Accepted,

    /// <summary>The broker refused CONNECT: wrong counter or password.</summary>
    Refused,

    /// <summary>The broker could not be reached in time.</summary>
    Unreachable,
}
