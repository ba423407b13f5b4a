namespace Kiosk.Simulator.Web;

/// <summary>A panel action that cannot be done; its message (Bahasa Indonesia) goes back to the page as it is.</summary>
public sealed class PanelException(string message) : Exception(message);
