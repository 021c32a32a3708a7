namespace Campaigns.Data;

public enum DatabaseProvider { Sqlite, SqlServer, Postgres }
