import type { Messages } from './en';

export const ja: Messages = {
  meta: {
    languageName: '日本語',
    switchLanguage: '言語',
  },
  nav: {
    home: 'ホーム',
    family: 'ファミリーサイト',
    main: 'メイン',
    signIn: 'サインイン',
    signUp: 'アカウント作成',
    account: 'アカウント',
  },
  home: {
    title: '{site} へようこそ',
    intro:
      '{site} は、ひとつのアカウントを共有するサイトファミリーの一員です。登録されたどのサイトで作成したパスキーでも、すべてのサイトにサインインできます。',
    rpIdLine: 'このサイトのパスキーは {rpId} に属します。',
    listedBadge: 'パスキー共有',
    unlistedBadge: '未登録',
    thisSite: 'このサイト',
    wellKnownLink: '関連オリジンの一覧を見る',
    ctaHeading: 'ひとつのパスキーで、すべてのサイトへ',
    ctaBody: 'ここでパスキーを使ってアカウントを作成し、同じパスキーでほかの登録済みサイトにサインインしてみてください。',
  },
  unlisted: {
    title: 'このサイトではまだパスキーを使えません',
    body:
      '{site} は {wellKnown} に記載されていないため、ブラウザはここで {rpId} のパスキーを使うことを拒否します。これはブラウザによる保護です。{rpId} が指定したサイトだけがそのパスキーを使えます。',
    fix: 'デプロイ担当者は sites.config.ts でこのサイトを listed: true にして再デプロイすると追加できます。',
  },
  passkeys: {
    checking: 'このブラウザのパスキー対応を確認しています…',
    unsupported: 'このブラウザではパスキーを使えません。最新の Chrome、Edge、Safari、Firefox でこのページを開いてください。',
    noPlatformAuthenticator:
      'このデバイスにはパスキー機能が内蔵されていません。スマートフォンやセキュリティキーのパスキーは引き続き使えます。',
    noRelatedOrigins:
      'このブラウザは関連オリジンにまだ対応していないため、{site} では {rpId} のパスキーを拒否することがあります。{rpId} 自体では使えます。',
  },
  ceremonyErrors: {
    cancelled: 'パスキーのリクエストはキャンセルされたか、時間切れになりました。何も変更されていません。準備ができたらもう一度お試しください。',
    alreadyRegistered: 'このデバイスには、すでにこのアカウントのパスキーがあります。',
    securityListed:
      'ブラウザは {site} で {rpId} のパスキーを使うことを拒否しました。ブラウザはこのサイトを {wellKnown} で確認します。もう一度お試しください。失敗が続く場合は、そのファイルにこのサイトが記載され、取得できることを確認してください。',
    unsupported: 'お使いのブラウザまたは認証器は、この種類のパスキーを作成・使用できません。別のブラウザかデバイスをお試しください。',
    usernameTaken: 'このユーザー名はすでに使われています。別の名前を選ぶか、ご自身のものであればサインインしてください。',
    invalidUsername: 'ユーザー名には 3〜32 文字の文字、数字、ドット、ハイフン、アンダースコアを使えます。',
    invalidDisplayName: '表示名は 64 文字以内で、見えない文字や制御文字は使えません。',
    rateLimited: '試行回数が多すぎます。1 分ほど待ってから、もう一度お試しください。',
    unavailable: 'サーバー側の問題で、サービスを一時的に利用できません。数秒待ってから、もう一度お試しください。',
    expired: '時間がかかりすぎたため、リクエストの有効期限が切れました。もう一度お試しください。',
    stale: 'このリクエストは無効になりました。すでに完了したか、別のタブ・ブラウザ・サイトで開始されたものです。もう一度お試しください。',
    userVerification: 'デバイスで本人確認(PIN、指紋、顔認証)が完了しませんでした。もう一度お試しいただき、確認を完了してください。',
    verificationFailed: 'パスキーからの応答を検証できませんでした。もう一度お試しください。',
    credentialRegistered: 'このパスキーはすでにアカウントに登録されています。このパスキーでサインインしてください。',
    unknownCredential:
      'このパスキーはここではもう登録されていません(アカウントから削除されました)。別のパスキーを選ぶか、新しいアカウントを作成してください。',
    notSignedIn: 'セッションが終了しました。もう一度サインインしてから、パスキーを追加してください。',
    unexpected: '問題が発生しました: {message}',
  },
  signup: {
    title: 'アカウントを作成',
    intro:
      'パスワードは不要です。アカウントはユーザー名とパスキーだけで、そのパスキーでファミリーの登録済みサイトすべてにサインインできます。',
    username: 'ユーザー名',
    usernameHint: '3〜32 文字の文字、数字、ドット、ハイフン、アンダースコア。',
    displayName: '表示名(任意)',
    displayNameHint: 'パスキーマネージャーでユーザー名の横に表示されます。',
    submit: 'パスキーでアカウントを作成',
    haveAccount: 'すでにパスキーをお持ちですか?',
  },
  signin: {
    title: 'サインイン',
    intro: 'ファミリーのどの登録済みサイトで作成したパスキーでも使えます。',
    username: 'ユーザー名',
    usernameHint: 'この欄の入力候補にパスキーが表示されます。何も入力せずにボタンを押すこともできます。',
    submit: 'パスキーでサインイン',
    noAccount: 'まだアカウントをお持ちでないですか?',
  },
  account: {
    title: 'アカウント',
    signedInAs: 'サインイン中:',
    displayName: '表示名',
    createdOn: 'アカウント作成: {site}、{date}',
    passkeysHeading: 'パスキー',
    passkeysLabel: 'パスキー一覧',
    passkeysLegend:
      '同期パスキーはプロバイダーにバックアップされ、ほかのデバイスでも使えます。デバイス固定のパスキーは 1 台のデバイスまたはセキュリティキーにだけ保存されます。',
    unknownProvider: '不明なプロバイダー',
    synced: '同期',
    deviceBound: 'デバイス固定',
    passkeyCreated: '作成: {site}、{date}',
    passkeyLastUsed: '最終使用: {site}、{date}',
    neverUsed: '未使用',
    addPasskey: 'パスキーを追加',
    addHint: '別のデバイスや別のパスワードマネージャーにも追加しておくと、このパスキーをなくしてもサインインできます。',
    added: 'パスキーを追加しました。',
    rename: '名前を変更',
    nameLabel: 'パスキーの名前',
    save: '保存',
    cancel: 'キャンセル',
    renamed: '名前を保存しました。',
    nameInvalid: '1〜64文字で入力してください。',
    renameFailed: '名前を保存できませんでした。少し待ってからもう一度お試しください。',
    signOut: 'サインアウト',
    signOutFailed: 'サインアウトできませんでした。少し待ってからもう一度お試しください。',
  },
  notFound: {
    title: 'ページが見つかりません',
    body: '{site} のこのアドレスには何もありません。',
    back: 'ホームに戻る',
  },
  unknownHost: {
    title: '不明なサイト',
    body: 'このデプロイは {host} を提供していません。アドレスを確認するか、ホスト名を sites.config.ts に追加してください。',
  },
  local: {
    title: 'Passkey Atlas が起動しています',
    intro:
      '各サイトは localhost ではなく、ローカルエッジを通じて本物のホスト名と HTTPS で提供されます。パスキーには本物のオリジンが必要です。',
    sitesHeading: 'サイト一覧',
    launchedHint: '`npm run dev` がブラウザを開いた場合はそのウィンドウを使ってください。エッジ用に設定済みです。',
    manualHeading: 'ご自身の Chrome / Chromium で開く',
    manualBody: 'エッジをプロキシとして使い、その証明書を信頼する別のブラウザプロファイルを起動します:',
    noEdge:
      'このサーバーにはローカルエッジが接続されていません。本番環境では、Host ヘッダーを保持し X-Forwarded-Proto: https を付ける TLS プロキシ(Vercel、nginx)の背後に置きます。ローカルでは `npm run dev` を実行するか、`npm start` と並べて `npm run edge -- --upstream {port}` を実行してください。',
  },
};
