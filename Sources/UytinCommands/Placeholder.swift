public enum UytinCLI {}
