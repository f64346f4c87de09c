func InsecureCreds() credentials.TransportCredentials {
 return insecure.NewCredentials()
}

func main() {
 // rpc error: code = Unavailable desc = connection error: desc = "error reading server preface: http2: frame too large"
 conn, err := grpc.Dial("disperser-goerli.eigenda.xyz:443", grpc.WithTransportCredentials(InsecureCreds()))
