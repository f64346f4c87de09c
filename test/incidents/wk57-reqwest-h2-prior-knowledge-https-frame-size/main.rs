let client_builder = reqwest::ClientBuilder::new();
    let client = client_builder.http2_prior_knowledge().build()?;
    let res = client.get("https://http2.io/").send().await?;
    println!("Headers {:#?}", &res.headers());
    println!("Content length: {:?}", &res.content_length());
    let mut stream = res.bytes_stream();

    while let Some(chunk) = stream.next().await {
        println!("Chunk Size: {:?}", chunk?.len());
    }
    Ok(())
