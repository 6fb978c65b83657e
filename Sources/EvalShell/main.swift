print("evalshell")
