namespace Kiosk.Queue.Storage;

/// <summary>The ticket log cannot be used: corrupt, unreadable, or written by a newer version. The engine refuses to start.</summary>
public sealed class QueueDatabaseException : Exception
{
    public QueueDatabaseException(string databasePath, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        DatabasePath = databasePath;
    }

    public QueueDatabaseException() : this("", "ticket log unusable")
    {
    }

    public QueueDatabaseException(string message) : this("", message)
    {
    }

    public QueueDatabaseException(string message, Exception innerException) : this("", message, innerException)
    {
    }

    /// <summary>The file to restore from backup.</summary>
    public string DatabasePath { get; } = "";
}
